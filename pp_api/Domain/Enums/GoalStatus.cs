namespace PpApi.Domain.Enums;

/// <summary>Lifecycle of a goal.</summary>
public enum GoalStatus
{
    Draft,
    Active,
    OnHold,
    Completed,
    Abandoned,
}
