using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using Acme.Data.Enums;

namespace Acme.Data;

/// <summary>A goal as stored in the <c>goals</c> table.</summary>
[DynamoDBTable("goals")]
public class GoalDataModel : AuditedModel
{
    /// <summary>Goal id (partition key).</summary>
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; } = string.Empty;

    /// <summary>Owning tenant.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey("tenant_id-index")]
    [DynamoDBProperty("tenant_id")]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Short title.</summary>
    [DynamoDBProperty("title")]
    public string Title { get; set; } = string.Empty;

    /// <summary>Lifecycle state.</summary>
    [DynamoDBProperty("status")]
    public GoalStatus Status { get; set; } = GoalStatus.Draft;

    /// <summary>Tags chosen by the user.</summary>
    [DynamoDBProperty("tags")]
    public List<string> Tags { get; set; } = new List<string>();

    /// <summary>Optimistic-locking counter maintained by the SDK.</summary>
    [DynamoDBVersion]
    public long? Version { get; set; }
}
