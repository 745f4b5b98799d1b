#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// A coaching conversation between a user and the AI coach, stored in the <c>conversations</c>
/// table under its user. Messages live in the AI service's own store; this item holds the
/// conversation's header and running counters. It keeps its own timestamps instead of deriving
/// from <see cref="BaseDataModel"/> because <c>created_at</c> is the sort key of a local index.
/// </summary>
[DynamoDBTable(TableNames.Conversations)]
public class ConversationDataModel
{
    /// <summary>User the conversation belongs to (partition key).</summary>
    [DynamoDBHashKey("user_id")]
    public string UserId { get; set; } = string.Empty;

    /// <summary>Conversation id (sort key).</summary>
    [DynamoDBRangeKey("conversation_id")]
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>When the conversation started; sort key of the creation-time local index.</summary>
    [DynamoDBLocalSecondaryIndexRangeKey(IndexNames.ByCreatedIndex)]
    [DynamoDBProperty(AttributeNames.CreatedAt)]
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the last message was added.</summary>
    [DynamoDBProperty(AttributeNames.UpdatedAt)]
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Session the conversation was held in.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.SessionIndex)]
    [DynamoDBProperty("session_id")]
    public string SessionId { get; set; } = string.Empty;

    /// <summary>Owning tenant.</summary>
    [DynamoDBProperty(AttributeNames.TenantId)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Goal discussed, when the conversation was opened from a goal.</summary>
    [DynamoDBProperty("goal_id")]
    public string? GoalId { get; set; }

    /// <summary>Topic chosen by the user or inferred by the coach.</summary>
    [DynamoDBProperty("topic")]
    public string Topic { get; set; } = "general";

    /// <summary>Rolling summary written by the coach. Stored under the property's own name.</summary>
    [DynamoDBProperty(nameof(Summary))]
    public string? Summary { get; set; }

    /// <summary>Surface the conversation is held on.</summary>
    [DynamoDBProperty("channel")]
    public ConversationChannel Channel { get; set; } = ConversationChannel.Web;

    /// <summary>Number of messages exchanged.</summary>
    [DynamoDBProperty("message_count")]
    public int MessageCount { get; set; }

    /// <summary>Model tokens consumed, for usage billing.</summary>
    [DynamoDBProperty("token_count")]
    public long TokenCount { get; set; }

    /// <summary>Whether the user has archived the conversation.</summary>
    [DynamoDBProperty("is_archived")]
    public bool IsArchived { get; set; }

    /// <summary>Key/value context handed to the coach (goal title, KPI names, ...).</summary>
    [DynamoDBProperty("context")]
    public Dictionary<string, string> Context { get; set; } = new Dictionary<string, string>();

    /// <summary>Labels the coach attached to the conversation.</summary>
    [DynamoDBProperty("labels")]
    public List<string> Labels { get; set; } = new List<string>();

    /// <summary>Average tokens per message; zero for an empty conversation.</summary>
    public double AverageTokensPerMessage => MessageCount == 0 ? 0d : (double)TokenCount / MessageCount;
}
