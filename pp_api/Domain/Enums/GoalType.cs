namespace PpApi.Domain.Enums;

/// <summary>Scope of a goal.</summary>
public enum GoalType
{
    Personal,
    Team,
    Company,
}
