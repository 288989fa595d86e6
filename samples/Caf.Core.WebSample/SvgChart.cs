using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Caf.Core.WebSample;

/// <summary>A series of a column chart: its name, its colour and one value per period.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<int> Values);

/// <summary>
/// Charts drawn on the server as inline SVG (no front-end build, no script): horizontal bars for a breakdown and grouped
/// columns for a monthly trend. Every label is encoded; each chart has a title for screen readers, and the page shows
/// the same numbers in a table beside it.
/// </summary>
public static class SvgChart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per label, longest scaled to the width.</summary>
    public static string Bars(string id, string title, IReadOnlyList<(string Label, int Value)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int labelWidth = 260, barWidth = 220, row = 24;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Math.Max(1, bars.Count) * row + 8;
        var svg = Open(id, title, labelWidth + barWidth + 50, height);
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"18\" class=\"chart-label\">Nothing to show for this period.</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * row + 4;
            var w = value * barWidth / max;
            svg.Append(Invariant, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"chart-label\">{Encode(Shorten(label, 34))}</text>");
            svg.Append(Invariant, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(w, value > 0 ? 2 : 0)}\" height=\"{row - 8}\" fill=\"#1d70b8\"><title>{Encode(label)}: {value}</title></rect>");
            svg.Append(Invariant, $"<text x=\"{labelWidth + w + 6}\" y=\"{y + 15}\" class=\"chart-value\">{value}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Grouped columns: one group per period, one column per series, with a legend.</summary>
    public static string Columns(string id, string title, IReadOnlyList<string> periods, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(series);
        const int plotHeight = 160, top = 26, left = 30, bottom = 40;
        var group = Math.Max(24, series.Count * 12 + 8);
        var width = left + Math.Max(1, periods.Count) * group + 10;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var svg = Open(id, title, Math.Max(width, 320), top + plotHeight + bottom);
        for (var s = 0; s < series.Count; s++)
        {
            var x = left + s * 130;
            svg.Append(Invariant, $"<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{series[s].Colour}\"/><text x=\"{x + 16}\" y=\"16\" class=\"chart-label\">{Encode(series[s].Name)}</text>");
        }

        svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width}\" y2=\"{top + plotHeight}\" stroke=\"#505a5f\"/>");
        svg.Append(Invariant, $"<text x=\"{left - 4}\" y=\"{top + 10}\" text-anchor=\"end\" class=\"chart-value\">{max}</text>");
        for (var p = 0; p < periods.Count; p++)
        {
            var x0 = left + p * group + 4;
            for (var s = 0; s < series.Count; s++)
            {
                var value = p < series[s].Values.Count ? series[s].Values[p] : 0;
                var h = value * plotHeight / max;
                svg.Append(Invariant, $"<rect class=\"bar\" x=\"{x0 + s * 12}\" y=\"{top + plotHeight - h}\" width=\"10\" height=\"{h}\" fill=\"{series[s].Colour}\"><title>{Encode(periods[p])}, {Encode(series[s].Name)}: {value}</title></rect>");
            }

            svg.Append(Invariant, $"<text x=\"{x0 + 4}\" y=\"{top + plotHeight + 14}\" transform=\"rotate(45 {x0 + 4} {top + plotHeight + 14})\" class=\"chart-axis\">{Encode(periods[p])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, int width, int height) =>
        new StringBuilder().Append(Invariant,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{Encode(id)}\" class=\"chart\" role=\"img\" aria-labelledby=\"{Encode(id)}-title\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title id=\"{Encode(id)}-title\">{Encode(title)}</title>");

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
