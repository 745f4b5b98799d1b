#nullable enable
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Goal"/> to and from <see cref="GoalDataModel"/>.</summary>
public static class GoalMapper
{
    public static Goal ToDomain(GoalDataModel model)
    {
        var goal = new Goal(model.GoalId, model.TenantId, model.OwnerId, model.Title, AuditMapper.ToDomain(model))
        {
            Description = model.Description,
            Type = EnumMapper.ToGoalType(model.GoalType),
            Status = EnumMapper.ToDomain(model.Status),
            TargetDate = AuditMapper.AsUtc(model.TargetDate),
            Progress = model.Progress,
            Version = model.Version,
        };
        goal.RestoreTags(model.Tags ?? new List<string>());
        return goal;
    }

    public static GoalDataModel ToDataModel(Goal goal)
    {
        var model = new GoalDataModel
        {
            GoalId = goal.Id,
            TenantId = goal.TenantId,
            OwnerId = goal.OwnerId,
            Status = EnumMapper.ToData(goal.Status),
            Title = goal.Title,
            Description = goal.Description,
            GoalType = EnumMapper.ToData(goal.Type),
            TargetDate = goal.TargetDate,
            Progress = goal.Progress,
            Tags = goal.Tags.Distinct().ToList(),
            Version = goal.Version,
        };
        AuditMapper.CopyTo(goal.Audit, model);
        return model;
    }
}
