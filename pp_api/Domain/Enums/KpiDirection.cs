namespace PpApi.Domain.Enums;

/// <summary>Which way a KPI improves.</summary>
public enum KpiDirection
{
    HigherIsBetter,
    LowerIsBetter,
    WithinRange,
}
