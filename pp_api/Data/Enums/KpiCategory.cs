namespace PpApi.Data.Enums;

/// <summary>Grouping used for the KPI dashboard; also the sort key of a tenant index.</summary>
public enum KpiCategory
{
    Financial = 1,
    Customer = 2,
    Process = 3,
    People = 4,
    Learning = 5,
}
