#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A tenant's strategy for a period: statements, budget and the goals that implement it.</summary>
public class Strategy
{
    private readonly List<string> _coreValues = new List<string>();
    private readonly List<string> _goalIds = new List<string>();

    internal Strategy(string id, string tenantId, string title, DateTime periodStart, AuditInfo audit)
    {
        Id = id;
        TenantId = tenantId;
        Title = title;
        PeriodStart = periodStart;
        Audit = audit;
    }

    public string Id { get; }

    public string TenantId { get; }

    public string Title { get; private set; }

    public StrategyStatus Status { get; internal set; } = StrategyStatus.Draft;

    public string? Vision { get; internal set; }

    public string? Mission { get; internal set; }

    public IReadOnlyList<string> CoreValues => _coreValues;

    public IReadOnlyList<string> GoalIds => _goalIds;

    public decimal Budget { get; internal set; }

    public int ReviewCadenceDays { get; internal set; } = 90;

    public DateTime PeriodStart { get; internal set; }

    public DateTime? PeriodEnd { get; internal set; }

    public DateTime? ApprovedAt { get; internal set; }

    public string? ApprovedBy { get; internal set; }

    public AuditInfo Audit { get; }

    public bool IsEditable => Status == StrategyStatus.Draft;

    public static Strategy Create(string tenantId, string title, DateTime periodStartUtc, DateTime? periodEndUtc, string createdBy)
    {
        var strategy = new Strategy(
            Guid.NewGuid().ToString("N"),
            Guard.NotBlank(tenantId, "Tenant"),
            Guard.NotBlank(title, "Title", 200),
            Guard.Utc(periodStartUtc, "Period start"),
            AuditInfo.CreatedNow(createdBy));
        strategy.SetPeriod(periodStartUtc, periodEndUtc);
        return strategy;
    }

    public void SetPeriod(DateTime startUtc, DateTime? endUtc)
    {
        EnsureEditable();
        if (endUtc.HasValue && endUtc.Value <= startUtc)
        {
            throw new DomainException("The strategy period must end after it starts.");
        }

        PeriodStart = Guard.Utc(startUtc, "Period start");
        PeriodEnd = endUtc;
    }

    public void SetStatements(string? vision, string? mission, IEnumerable<string> coreValues)
    {
        EnsureEditable();
        Vision = string.IsNullOrWhiteSpace(vision) ? null : vision.Trim();
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim();
        _coreValues.Clear();
        _coreValues.AddRange(coreValues.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
    }

    internal void Restore(IEnumerable<string> coreValues, IEnumerable<string> goalIds)
    {
        _coreValues.Clear();
        _coreValues.AddRange(coreValues);
        _goalIds.Clear();
        _goalIds.AddRange(goalIds);
    }

    public void SetBudget(decimal budget) => Budget = Guard.InRange(budget, 0m, 1_000_000_000m, "Budget");

    public void SetReviewCadence(int days)
    {
        if (days < 7 || days > 365)
        {
            throw new DomainException("Reviews must happen between weekly and yearly.");
        }

        ReviewCadenceDays = days;
    }

    public void LinkGoal(Goal goal)
    {
        if (goal.TenantId != TenantId)
        {
            throw new DomainException("A strategy can only contain goals of its own tenant.");
        }

        if (!_goalIds.Contains(goal.Id))
        {
            _goalIds.Add(goal.Id);
        }
    }

    public void UnlinkGoal(string goalId) => _goalIds.Remove(goalId);

    public void SubmitForReview(string actorId)
    {
        EnsureEditable();
        if (_goalIds.Count == 0)
        {
            throw new DomainException("A strategy needs at least one goal before review.");
        }

        Status = StrategyStatus.InReview;
        Audit.Touch(actorId);
    }

    public void Approve(User approver, DateTime nowUtc)
    {
        if (Status != StrategyStatus.InReview)
        {
            throw new DomainException("Only a strategy in review can be approved.");
        }

        if (approver.Role < UserRole.Admin || approver.TenantId != TenantId)
        {
            throw new DomainException("Only an administrator of the tenant can approve a strategy.");
        }

        if (approver.Id == Audit.CreatedBy)
        {
            throw new DomainException("A strategy cannot be approved by its author.");
        }

        Status = StrategyStatus.Approved;
        ApprovedAt = nowUtc;
        ApprovedBy = approver.Id;
        Audit.Touch(approver.Id);
    }

    public void Retire(string actorId)
    {
        Status = StrategyStatus.Retired;
        Audit.Touch(actorId);
    }

    /// <summary>Next review date after <paramref name="nowUtc"/>, counted from the approval.</summary>
    public DateTime? NextReviewDate(DateTime nowUtc)
    {
        if (Status != StrategyStatus.Approved || !ApprovedAt.HasValue)
        {
            return null;
        }

        var elapsed = (nowUtc - ApprovedAt.Value).TotalDays;
        var cycles = Math.Max(0, (int)Math.Floor(elapsed / ReviewCadenceDays)) + 1;
        return ApprovedAt.Value.AddDays(cycles * ReviewCadenceDays);
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException($"A strategy that is {Status} cannot be edited.");
        }
    }
}
