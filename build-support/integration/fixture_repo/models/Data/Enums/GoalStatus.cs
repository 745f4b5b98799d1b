namespace Acme.Data.Enums;

/// <summary>Lifecycle of a goal; stored as its number.</summary>
public enum GoalStatus
{
    Draft = 0,
    Active = 1,
    Done = 2,
}
