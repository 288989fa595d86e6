using Caf.Core.WebSample;

// The web sample: `dotnet run --project samples/Caf.Core.WebSample`, then open the address it prints.
var app = WebSample.Build(args);
await WebSample.PrepareAsync(app);
await app.RunAsync();

/// <summary>The entry point (WebApplicationFactory&lt;Program&gt; in the tests).</summary>
public partial class Program;
