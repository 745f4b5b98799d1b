#nullable enable
using System;
using System.Collections.Generic;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A signed-in coaching session with a sliding expiry.</summary>
public class Session
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);

    private readonly List<string> _scopes = new List<string>();

    internal Session(string id, string userId, string tenantId, DateTime startedAt, AuditInfo audit)
    {
        Id = id;
        UserId = userId;
        TenantId = tenantId;
        StartedAt = startedAt;
        Audit = audit;
    }

    public string Id { get; }

    public string UserId { get; }

    public string TenantId { get; }

    public DateTime StartedAt { get; }

    public SessionState State { get; internal set; } = SessionState.Active;

    public DateTimeOffset LastActivityAt { get; internal set; }

    public DateTimeOffset ExpiresAt { get; internal set; }

    public string? Device { get; internal set; }

    public IReadOnlyList<string> Scopes => _scopes;

    public AuditInfo Audit { get; }

    public static Session Open(User user, Tenant tenant, IEnumerable<string> scopes, string? device, DateTimeOffset now)
    {
        if (!tenant.IsActive || tenant.Id.ToString() != user.TenantId)
        {
            throw new DomainException("The user's tenant is not active.");
        }

        var session = new Session(Guid.NewGuid().ToString("N"), user.Id, user.TenantId, now.UtcDateTime, AuditInfo.CreatedNow(user.Id))
        {
            Device = device,
            LastActivityAt = now,
            ExpiresAt = now.Add(DefaultLifetime),
        };
        session._scopes.AddRange(scopes);
        return session;
    }

    internal void RestoreScopes(IEnumerable<string> scopes)
    {
        _scopes.Clear();
        _scopes.AddRange(scopes);
    }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsUsable(DateTime nowUtc) =>
        (State == SessionState.Active || State == SessionState.Idle) && !IsExpired(new DateTimeOffset(nowUtc, TimeSpan.Zero));

    public bool HasScope(string scope) => _scopes.Contains(scope);

    /// <summary>Records client activity and slides the expiry forward.</summary>
    public void Touch(DateTimeOffset now)
    {
        if (State == SessionState.Closed || State == SessionState.Revoked || IsExpired(now))
        {
            throw new DomainException("The session has ended.");
        }

        State = SessionState.Active;
        LastActivityAt = now;
        var slid = now.Add(DefaultLifetime);
        if (slid > ExpiresAt)
        {
            ExpiresAt = slid;
        }
    }

    /// <summary>Marks the session idle when there has been no activity for <see cref="IdleAfter"/>.</summary>
    public void MarkIdleIfInactive(DateTimeOffset now)
    {
        if (State == SessionState.Active && now - LastActivityAt >= IdleAfter)
        {
            State = SessionState.Idle;
        }
    }

    public void Close(DateTimeOffset now)
    {
        State = SessionState.Closed;
        ExpiresAt = now;
    }

    public void Revoke(string actorId, DateTimeOffset now)
    {
        State = SessionState.Revoked;
        ExpiresAt = now;
        Audit.Touch(actorId);
    }
}
