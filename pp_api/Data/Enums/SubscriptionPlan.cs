namespace PpApi.Data.Enums;

/// <summary>
/// Billing plan of a tenant. Values are spaced so that intermediate plans can be added
/// without renumbering stored items.
/// </summary>
public enum SubscriptionPlan
{
    Free = 0,
    Starter = 10,
    Professional = 20,
    Enterprise = 30,
}
