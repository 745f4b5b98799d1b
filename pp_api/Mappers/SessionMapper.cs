#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Session"/> to and from <see cref="SessionDataModel"/>.</summary>
public static class SessionMapper
{
    public static Session ToDomain(SessionDataModel model)
    {
        var session = new Session(model.SessionId, model.UserId, model.TenantId, AuditMapper.AsUtc(model.StartedAt), AuditMapper.ToDomain(model))
        {
            State = EnumMapper.ToDomain(model.State),
            LastActivityAt = model.LastActivityAt,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(model.ExpiresAt),
            Device = model.Device,
        };
        session.RestoreScopes(model.Scopes ?? new List<string>());
        return session;
    }

    public static SessionDataModel ToDataModel(Session session)
    {
        var model = new SessionDataModel
        {
            SessionId = session.Id,
            UserId = session.UserId,
            StartedAt = session.StartedAt,
            TenantId = session.TenantId,
            State = EnumMapper.ToData(session.State),
            LastActivityAt = session.LastActivityAt,
            ExpiresAt = session.ExpiresAt.ToUnixTimeSeconds(),
            Device = session.Device,
            Scopes = session.Scopes.Distinct().ToList(),
        };
        AuditMapper.CopyTo(session.Audit, model);
        return model;
    }
}
