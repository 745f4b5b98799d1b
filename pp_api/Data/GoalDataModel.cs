#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// A goal as stored in the <c>goals</c> table.
/// </summary>
[DynamoDBTable(TableNames.Goals)]
public class GoalDataModel : BaseDataModel
{
    /// <summary>Maximum title length accepted by the API.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Goal id (partition key).</summary>
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; } = string.Empty;

    /// <summary>Owning tenant.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.TenantIndex)]
    [DynamoDBProperty(AttributeNames.TenantId)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>User accountable for the goal.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.OwnerStatusIndex)]
    [DynamoDBProperty("owner_id")]
    public string OwnerId { get; set; } = string.Empty;

    /// <summary>Lifecycle state; sort key of the owner index so "my active goals" is one query.</summary>
    [DynamoDBGlobalSecondaryIndexRangeKey(IndexNames.OwnerStatusIndex)]
    [DynamoDBProperty("status")]
    public GoalStatus Status { get; set; } = GoalStatus.Draft;

    /// <summary>Short title.</summary>
    [DynamoDBProperty("title")]
    public string Title { get; set; } = string.Empty;

    /// <summary>Optional longer description.</summary>
    [DynamoDBProperty("description")]
    public string? Description { get; set; }

    /// <summary>Free-form goal type: "personal", "team" or "company".</summary>
    [DynamoDBProperty("goal_type")]
    public string GoalType { get; set; } = "personal";

    /// <summary>Date the goal should be reached by, if any.</summary>
    [DynamoDBProperty("target_date")]
    public DateTime? TargetDate { get; set; }

    /// <summary>Progress in percent (0-100), recomputed from the linked KPIs.</summary>
    [DynamoDBProperty("progress")]
    public decimal Progress { get; set; }

    /// <summary>Tags chosen by the user.</summary>
    [DynamoDBProperty("tags")]
    public List<string> Tags { get; set; } = new List<string>();

    /// <summary>Optimistic-locking counter maintained by the SDK.</summary>
    [DynamoDBVersion]
    public long? Version { get; set; }

    /// <summary>Set by the service layer when the item changed since it was loaded; never stored.</summary>
    [DynamoDBIgnore]
    public bool IsDirty { get; set; }

    /// <summary>True when the target date has passed and the goal is still open.</summary>
    public bool IsOverdue => TargetDate.HasValue
        && TargetDate.Value < DateTime.UtcNow
        && Status != GoalStatus.Completed
        && Status != GoalStatus.Abandoned;

    /// <summary>Number of tags.</summary>
    public int TagCount
    {
        get => Tags.Count;
    }
}
