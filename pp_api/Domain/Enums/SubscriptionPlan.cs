namespace PpApi.Domain.Enums;

/// <summary>Billing plan of a tenant, in ascending order.</summary>
public enum SubscriptionPlan
{
    Free,
    Starter,
    Professional,
    Enterprise,
}
