using Caf.Core.WebSample;

// The web sample: `dotnet run --project samples/Caf.Core.WebSample`, then open the address it prints.
var app = WebSampleHost.Build(args);
await WebSampleHost.PrepareAsync(app.Services);
await app.RunAsync();

/// <summary>The entry point (WebApplicationFactory&lt;Program&gt; in the tests).</summary>
public partial class Program;
