namespace PpApi.Domain.Enums;

/// <summary>Approval state of a strategy.</summary>
public enum StrategyStatus
{
    Draft,
    InReview,
    Approved,
    Retired,
}
