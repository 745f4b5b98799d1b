namespace PpApi.Domain.Enums;

/// <summary>State of a coaching session.</summary>
public enum SessionState
{
    Active,
    Idle,
    Closed,
    Revoked,
}
