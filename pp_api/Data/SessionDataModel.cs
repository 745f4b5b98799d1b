#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Converters;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// A coaching session, stored in the <c>sessions</c> table. Expired sessions are removed by the
/// table's TTL on <c>expires_at</c>.
/// </summary>
[DynamoDBTable(TableNames.Sessions)]
public class SessionDataModel : BaseDataModel
{
    /// <summary>Session id (partition key).</summary>
    [DynamoDBHashKey("session_id")]
    public string SessionId { get; set; } = string.Empty;

    /// <summary>User the session belongs to.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.UserStartedIndex)]
    [DynamoDBProperty("user_id")]
    public string UserId { get; set; } = string.Empty;

    /// <summary>Start of the session; sort key of the user index.</summary>
    [DynamoDBGlobalSecondaryIndexRangeKey(IndexNames.UserStartedIndex)]
    [DynamoDBProperty("started_at")]
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Owning tenant.</summary>
    [DynamoDBProperty(AttributeNames.TenantId)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Session state.</summary>
    [DynamoDBProperty("state")]
    public SessionState State { get; set; } = SessionState.Active;

    /// <summary>Last client activity, with the client's UTC offset (used for local-time nudges).</summary>
    [DynamoDBProperty("last_activity_at", typeof(DateTimeOffsetConverter))]
    public DateTimeOffset LastActivityAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Expiry in Unix epoch seconds. Debug builds write it under a different attribute so that
    /// sessions created while debugging against the shared dev table are not reaped by its TTL.
    /// </summary>
#if DEBUG
    [DynamoDBProperty("expires_at_debug")]
#else
    [DynamoDBProperty(AttributeNames.ExpiresAt)]
#endif
    public long ExpiresAt { get; set; }

    /// <summary>User agent or device description reported by the client.</summary>
    [DynamoDBProperty("device")]
    public string? Device { get; set; }

    /// <summary>OAuth scopes granted to the session.</summary>
    [DynamoDBProperty("scopes")]
    public List<string> Scopes { get; set; } = new List<string>();

    /// <summary>True when the expiry time has passed.</summary>
    public bool IsExpired => DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= ExpiresAt;

    /// <summary>Sets the expiry to <paramref name="lifetime"/> from now.</summary>
    public void ExtendBy(TimeSpan lifetime)
    {
        ExpiresAt = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
    }
}
