#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A goal a user or team commits to, measured through KPIs and advanced by actions.</summary>
public class Goal
{
    public const int MaxTitleLength = 200;
    public const int MaxTags = 20;

    private static readonly Dictionary<GoalStatus, GoalStatus[]> AllowedTransitions = new Dictionary<GoalStatus, GoalStatus[]>
    {
        [GoalStatus.Draft] = new[] { GoalStatus.Active, GoalStatus.Abandoned },
        [GoalStatus.Active] = new[] { GoalStatus.OnHold, GoalStatus.Completed, GoalStatus.Abandoned },
        [GoalStatus.OnHold] = new[] { GoalStatus.Active, GoalStatus.Abandoned },
        [GoalStatus.Completed] = new[] { GoalStatus.Active },
        [GoalStatus.Abandoned] = Array.Empty<GoalStatus>(),
    };

    private readonly List<string> _tags = new List<string>();

    internal Goal(string id, string tenantId, string ownerId, string title, AuditInfo audit)
    {
        Id = id;
        TenantId = tenantId;
        OwnerId = ownerId;
        Title = title;
        Audit = audit;
    }

    public string Id { get; }

    public string TenantId { get; }

    public string OwnerId { get; internal set; }

    public string Title { get; private set; }

    public string? Description { get; internal set; }

    public GoalType Type { get; internal set; } = GoalType.Personal;

    public GoalStatus Status { get; internal set; } = GoalStatus.Draft;

    public DateTime? TargetDate { get; internal set; }

    /// <summary>Progress in percent, 0-100.</summary>
    public decimal Progress { get; internal set; }

    public IReadOnlyList<string> Tags => _tags;

    public long? Version { get; internal set; }

    public AuditInfo Audit { get; }

    public bool IsClosed => Status == GoalStatus.Completed || Status == GoalStatus.Abandoned;

    public static Goal Create(string tenantId, string ownerId, string title, GoalType type, DateTime? targetDate, string createdBy)
    {
        var goal = new Goal(
            Guid.NewGuid().ToString("N"),
            Guard.NotBlank(tenantId, "Tenant"),
            Guard.NotBlank(ownerId, "Owner"),
            Guard.NotBlank(title, "Title", MaxTitleLength),
            AuditInfo.CreatedNow(createdBy))
        {
            Type = type,
        };
        goal.Reschedule(targetDate, createdBy);
        return goal;
    }

    public bool IsOverdue(DateTime nowUtc) => TargetDate.HasValue && TargetDate.Value < nowUtc && !IsClosed;

    public bool CanTransitionTo(GoalStatus next) => AllowedTransitions[Status].Contains(next);

    public void Rename(string title, string actorId)
    {
        Title = Guard.NotBlank(title, "Title", MaxTitleLength);
        Audit.Touch(actorId);
    }

    public void Reschedule(DateTime? targetDate, string actorId)
    {
        if (targetDate.HasValue && targetDate.Value.Date < Audit.CreatedAt.Date)
        {
            throw new DomainException("Target date cannot be before the goal was created.");
        }

        TargetDate = targetDate.HasValue ? Guard.Utc(targetDate.Value, "Target date") : (DateTime?)null;
        Audit.Touch(actorId);
    }

    public void Activate(string actorId) => TransitionTo(GoalStatus.Active, actorId);

    public void PutOnHold(string actorId) => TransitionTo(GoalStatus.OnHold, actorId);

    public void Abandon(string actorId) => TransitionTo(GoalStatus.Abandoned, actorId);

    public void Complete(string actorId)
    {
        TransitionTo(GoalStatus.Completed, actorId);
        Progress = 100m;
    }

    public void AddTag(string tag)
    {
        var normalised = Guard.NotBlank(tag, "Tag", 40).ToLowerInvariant();
        if (_tags.Contains(normalised))
        {
            return;
        }

        if (_tags.Count >= MaxTags)
        {
            throw new DomainException($"A goal can have at most {MaxTags} tags.");
        }

        _tags.Add(normalised);
    }

    internal void RestoreTags(IEnumerable<string> tags)
    {
        _tags.Clear();
        _tags.AddRange(tags.Distinct());
    }

    public bool RemoveTag(string tag) => _tags.Remove(tag.Trim().ToLowerInvariant());

    /// <summary>
    /// Recomputes progress as the weight-averaged progress of the goal's KPIs that have a target.
    /// A goal without measurable KPIs keeps its manually set progress.
    /// </summary>
    public void RecalculateProgress(IEnumerable<Kpi> kpis)
    {
        var measurable = kpis.Where(k => k.GoalId == Id && k.ProgressPercent.HasValue && k.Weight > 0).ToList();
        if (measurable.Count == 0 || Status == GoalStatus.Completed)
        {
            return;
        }

        var totalWeight = measurable.Sum(k => (decimal)k.Weight);
        var weighted = measurable.Sum(k => k.ProgressPercent!.Value * (decimal)k.Weight);
        Progress = Math.Round(weighted / totalWeight, 1, MidpointRounding.AwayFromZero);
    }

    private void TransitionTo(GoalStatus next, string actorId)
    {
        if (!CanTransitionTo(next))
        {
            throw new DomainException($"A goal cannot move from {Status} to {next}.");
        }

        Status = next;
        Audit.Touch(actorId);
    }
}
