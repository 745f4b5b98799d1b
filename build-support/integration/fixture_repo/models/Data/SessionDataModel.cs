using System;
using Amazon.DynamoDBv2.DataModel;

namespace Acme.Data;

/// <summary>A coaching session of a goal.</summary>
[DynamoDBTable("sessions")]
public class SessionDataModel : AuditedModel
{
    /// <summary>The goal the session belongs to (partition key).</summary>
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; } = string.Empty;

    /// <summary>When the session started (sort key).</summary>
    [DynamoDBRangeKey("started_at")]
    public DateTime StartedAt { get; set; }

    /// <summary>Minutes spent, if the session has ended.</summary>
    [DynamoDBProperty("minutes")]
    public int? Minutes { get; set; }
}
