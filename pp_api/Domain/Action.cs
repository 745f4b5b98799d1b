#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A concrete step towards a goal.</summary>
public class Action
{
    public const int HighestPriority = 1;
    public const int LowestPriority = 5;

    private readonly HashSet<int> _reminderDays = new HashSet<int>();
    private readonly Dictionary<string, string> _metadata = new Dictionary<string, string>(StringComparer.Ordinal);

    internal Action(string id, string goalId, string tenantId, string title, DateTime dueDate, AuditInfo audit)
    {
        Id = id;
        GoalId = goalId;
        TenantId = tenantId;
        Title = title;
        DueDate = dueDate;
        Audit = audit;
    }

    public string Id { get; }

    public string GoalId { get; }

    public string TenantId { get; }

    public string Title { get; private set; }

    public string? Notes { get; set; }

    public int Priority { get; internal set; } = 3;

    public ActionStatus Status { get; internal set; } = ActionStatus.NotStarted;

    public string? AssigneeId { get; internal set; }

    public DateTime DueDate { get; private set; }

    public DateTime? CompletedAt { get; internal set; }

    public double? EstimatedHours { get; internal set; }

    public bool IsBlocking { get; set; }

    public IReadOnlyCollection<int> ReminderDays => _reminderDays;

    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    public AuditInfo Audit { get; }

    public bool IsOpen => Status != ActionStatus.Done && Status != ActionStatus.Cancelled;

    public static Action Create(Goal goal, string title, DateTime dueDateUtc, string createdBy)
    {
        if (goal.IsClosed)
        {
            throw new DomainException("Actions cannot be added to a closed goal.");
        }

        return new Action(
            Guid.NewGuid().ToString("N"),
            goal.Id,
            goal.TenantId,
            Guard.NotBlank(title, "Title", 200),
            Guard.Utc(dueDateUtc, "Due date"),
            AuditInfo.CreatedNow(createdBy));
    }

    public bool IsOverdue(DateTime nowUtc) => IsOpen && DueDate < nowUtc;

    public void SetPriority(int priority)
    {
        if (priority < HighestPriority || priority > LowestPriority)
        {
            throw new DomainException($"Priority must be between {HighestPriority} and {LowestPriority}.");
        }

        Priority = priority;
    }

    public void SetEstimate(double? hours)
    {
        EstimatedHours = hours.HasValue ? Guard.InRange(hours.Value, 0.25, 1000, "Estimate") : (double?)null;
    }

    public void Assign(string? userId, string actorId)
    {
        AssigneeId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        Audit.Touch(actorId);
    }

    public void Reschedule(DateTime dueDateUtc, string actorId)
    {
        EnsureOpen();
        DueDate = Guard.Utc(dueDateUtc, "Due date");
        Audit.Touch(actorId);
    }

    public void Start(string actorId)
    {
        EnsureOpen();
        Status = ActionStatus.InProgress;
        Audit.Touch(actorId);
    }

    public void Block(string actorId)
    {
        EnsureOpen();
        Status = ActionStatus.Blocked;
        Audit.Touch(actorId);
    }

    public void Complete(DateTime nowUtc, string actorId)
    {
        EnsureOpen();
        Status = ActionStatus.Done;
        CompletedAt = nowUtc;
        Audit.Touch(actorId);
    }

    public void Cancel(string actorId)
    {
        EnsureOpen();
        Status = ActionStatus.Cancelled;
        Audit.Touch(actorId);
    }

    public void Reopen(string actorId)
    {
        if (IsOpen)
        {
            return;
        }

        Status = ActionStatus.InProgress;
        CompletedAt = null;
        Audit.Touch(actorId);
    }

    public void RemindDaysBefore(IEnumerable<int> days)
    {
        _reminderDays.Clear();
        foreach (var day in days.Where(d => d >= 0 && d <= 60))
        {
            _reminderDays.Add(day);
        }
    }

    /// <summary>Reminder dates that fall on <paramref name="todayUtc"/>.</summary>
    public bool HasReminderOn(DateTime todayUtc) =>
        IsOpen && _reminderDays.Any(d => DueDate.Date.AddDays(-d) == todayUtc.Date);

    public void SetMetadata(string key, string? value)
    {
        var name = Guard.NotBlank(key, "Metadata key", 64);
        if (value == null)
        {
            _metadata.Remove(name);
        }
        else
        {
            _metadata[name] = value;
        }
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException($"The action is {Status} and can no longer change.");
        }
    }
}
