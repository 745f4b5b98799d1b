namespace PpApi.Data.Enums;

/// <summary>State of an action item.</summary>
public enum ActionStatus
{
    NotStarted,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}
