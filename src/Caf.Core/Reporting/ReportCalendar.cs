using System;
using System.Globalization;

namespace Caf.Core.Reporting;

/// <summary>Period arithmetic for REP-01: each period has an integer key; consecutive periods have consecutive keys.</summary>
internal readonly struct ReportCalendar
{
    private readonly ReportPeriodKind _kind;
    private readonly int _yearStartMonth;

    internal ReportCalendar(ReportPeriodKind kind, int yearStartMonth)
    {
        _kind = kind;
        _yearStartMonth = yearStartMonth;
    }

    /// <summary>The key of the period containing a date.</summary>
    internal int Key(DateOnly date)
    {
        var month = (date.Year * 12) + date.Month - 1;
        return _kind switch
        {
            ReportPeriodKind.Month => month,
            ReportPeriodKind.Quarter => FloorDiv(month - (_yearStartMonth - 1), 3),
            _ => FloorDiv(month - (_yearStartMonth - 1), 12),
        };
    }

    /// <summary>The first day of the period with a key.</summary>
    internal DateOnly Start(int key)
    {
        var month = _kind switch
        {
            ReportPeriodKind.Month => key,
            ReportPeriodKind.Quarter => (key * 3) + _yearStartMonth - 1,
            _ => (key * 12) + _yearStartMonth - 1,
        };
        return new DateOnly(month / 12, (month % 12) + 1, 1);
    }

    internal ReportPeriod Period(int key) => new(Start(key), Start(key + 1), Label(key));

    private string Label(int key)
    {
        var start = Start(key);
        if (_kind == ReportPeriodKind.Month)
        {
            return start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        var yearKey = _kind == ReportPeriodKind.Quarter ? FloorDiv(key, 4) : key;
        var yearStart = new DateOnly(((yearKey * 12) + _yearStartMonth - 1) / 12, _yearStartMonth, 1);
        var year = _yearStartMonth == 1
            ? yearStart.Year.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{yearStart.Year}/{(yearStart.Year + 1) % 100:00}");
        return _kind == ReportPeriodKind.Quarter
            ? string.Create(CultureInfo.InvariantCulture, $"{year} Q{key - (yearKey * 4) + 1}")
            : year;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -(((-a) + b - 1) / b);
}
