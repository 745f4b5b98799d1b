#nullable enable
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using Action = PpApi.Domain.Action;

namespace PpApi.Mappers;

/// <summary>Maps the domain <see cref="Action"/> to and from <see cref="ActionDataModel"/>.</summary>
public static class ActionMapper
{
    public static Action ToDomain(ActionDataModel model)
    {
        var action = new Action(
            model.ActionId,
            model.GoalId,
            model.TenantId,
            model.Title,
            AuditMapper.AsUtc(model.DueDate),
            AuditMapper.ToDomain(model))
        {
            Notes = model.Notes,
            Priority = model.Priority,
            Status = EnumMapper.ToDomain(model.Status),
            AssigneeId = model.AssigneeId,
            CompletedAt = AuditMapper.AsUtc(model.CompletedAt),
            EstimatedHours = model.EstimatedHours,
            IsBlocking = model.IsBlocking,
        };

        action.RemindDaysBefore(model.ReminderDays ?? new HashSet<int>());
        foreach (var entry in model.Metadata ?? new Dictionary<string, string>())
        {
            action.SetMetadata(entry.Key, entry.Value);
        }

        return action;
    }

    public static ActionDataModel ToDataModel(Action action)
    {
        var model = new ActionDataModel
        {
            GoalId = action.GoalId,
            ActionId = action.Id,
            TenantId = action.TenantId,
            Title = action.Title,
            Notes = action.Notes,
            Priority = action.Priority,
            Status = EnumMapper.ToData(action.Status),
            AssigneeId = action.AssigneeId,
            DueDate = action.DueDate,
            CompletedAt = action.CompletedAt,
            EstimatedHours = action.EstimatedHours,
            IsBlocking = action.IsBlocking,
            ReminderDays = new HashSet<int>(action.ReminderDays),
            Metadata = action.Metadata.ToDictionary(e => e.Key, e => e.Value),
        };
        AuditMapper.CopyTo(action.Audit, model);
        return model;
    }
}
