namespace PpApi.Domain.Enums;

/// <summary>Balanced-scorecard perspective of a KPI.</summary>
public enum KpiCategory
{
    Financial,
    Customer,
    Process,
    People,
    Learning,
}
