#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// An action item that moves a goal forward, stored in the <c>actions</c> table under its goal.
/// </summary>
[DynamoDBTable(TableNames.Actions)]
public class ActionDataModel : BaseDataModel
{
    /// <summary>Goal the action belongs to (partition key).</summary>
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; } = string.Empty;

    /// <summary>Action id, unique within the goal (sort key).</summary>
    [DynamoDBRangeKey("action_id")]
    public string ActionId { get; set; } = string.Empty;

    /// <summary>Owning tenant.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.TenantIndex)]
    [DynamoDBProperty(AttributeNames.TenantId)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Short title.</summary>
    [DynamoDBProperty("title")]
    public string Title { get; set; } = string.Empty;

    /// <summary>Free-text notes.</summary>
    public string? Notes { get; set; }

    /// <summary>Priority from 1 (highest) to 5 (lowest).</summary>
    public int Priority { get; set; } = 3;

    /// <summary>Current state.</summary>
    [DynamoDBProperty("status")]
    public ActionStatus Status { get; set; } = ActionStatus.NotStarted;

    /// <summary>User the action is assigned to.</summary>
    [DynamoDBProperty("assignee_id")]
    public string? AssigneeId { get; set; }

    /// <summary>Due date (UTC); sort key of the due-date local index.</summary>
    [DynamoDBLocalSecondaryIndexRangeKey(IndexNames.ByDueDateIndex)]
    [DynamoDBProperty("due_date")]
    public DateTime DueDate { get; set; } = DateTime.UtcNow.AddDays(7);

    /// <summary>When the action was completed.</summary>
    [DynamoDBProperty("completed_at")]
    public DateTime? CompletedAt { get; set; }

    /// <summary>Effort estimate in hours.</summary>
    [DynamoDBProperty("estimated_hours")]
    public double? EstimatedHours { get; set; }

    /// <summary>Whether other actions of the goal wait for this one.</summary>
    [DynamoDBProperty("is_blocking")]
    public bool IsBlocking { get; set; }

    /// <summary>Days before the due date on which a reminder is sent.</summary>
    [DynamoDBProperty("reminder_days")]
    public HashSet<int> ReminderDays { get; set; } = new HashSet<int>();

    /// <summary>Integration metadata, e.g. the id of a linked Jira issue.</summary>
    [DynamoDBProperty("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    /// <summary>True when the due date has passed and the action is still open.</summary>
    public bool IsOverdue => DueDate < DateTime.UtcNow && Status != ActionStatus.Done && Status != ActionStatus.Cancelled;
}
