#nullable enable
using System;

namespace PpApi.Domain;

/// <summary>Who created and last changed an entity, and when.</summary>
public sealed class AuditInfo
{
    public AuditInfo(DateTime createdAt, string createdBy, DateTime updatedAt, string? updatedBy)
    {
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        UpdatedAt = updatedAt;
        UpdatedBy = updatedBy;
    }

    public DateTime CreatedAt { get; }

    public string CreatedBy { get; }

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public static AuditInfo CreatedNow(string actorId)
    {
        var now = DateTime.UtcNow;
        return new AuditInfo(now, actorId, now, null);
    }

    public void Touch(string actorId)
    {
        UpdatedAt = DateTime.UtcNow;
        UpdatedBy = actorId;
    }
}
