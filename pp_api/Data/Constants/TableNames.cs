namespace PpApi.Data.Constants;

/// <summary>
/// Logical DynamoDB table names. The deployment stage prefix is applied by infrastructure
/// and by <c>DynamoDBContextConfig.TableNamePrefix</c>, never here.
/// </summary>
public static class TableNames
{
    /// <summary>Prefix shared by tables that belong to the KPI tracking bounded context.</summary>
    public const string KpiPrefix = "kpi_";

    public const string Goals = "goals";
    public const string Kpis = "kpis";
    public const string Actions = "actions";
    public const string Tenants = "tenants";
    public const string Users = "users";
    public const string Strategies = "strategies";
    public const string Measurements = KpiPrefix + "measurements";
    public const string Conversations = "conversations";
    public const string Sessions = "sessions";
}
