namespace PpApi.Data.Enums;

/// <summary>Lifecycle state of a goal, stored as its number.</summary>
public enum GoalStatus
{
    Draft = 0,
    Active = 1,
    OnHold = 2,
    Completed = 3,
    Abandoned = 4,
}
