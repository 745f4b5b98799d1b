#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="User"/> to and from <see cref="UserDataModel"/>.</summary>
public static class UserMapper
{
    public static User ToDomain(UserDataModel model)
    {
        var user = new User(model.UserId, model.TenantId, model.Email, model.DisplayName, AuditMapper.ToDomain(model))
        {
            AvatarUrl = Uri.TryCreate(model.AvatarUrl, UriKind.Absolute, out var avatar) ? avatar : null,
            Role = EnumMapper.ToDomain(model.Role),
            NotificationChannels = EnumMapper.ToDomain(model.NotificationChannels),
            TimeZone = model.TimeZone,
            LastLoginAt = AuditMapper.AsUtc(model.LastLoginAt),
            EmailVerifiedAt = AuditMapper.AsUtc(model.EmailVerifiedAt),
        };
        user.RestorePermissions(model.Permissions ?? new List<string>());
        return user;
    }

    public static UserDataModel ToDataModel(User user)
    {
        var model = new UserDataModel
        {
            UserId = user.Id,
            TenantId = user.TenantId,
            Email = user.Email,
            DisplayName = user.DisplayName,
            AvatarUrl = user.AvatarUrl?.AbsoluteUri,
            Role = EnumMapper.ToData(user.Role),
            Permissions = user.Permissions.Distinct().ToList(),
            NotificationChannels = EnumMapper.ToData(user.NotificationChannels),
            TimeZone = user.TimeZone,
            LastLoginAt = user.LastLoginAt,
        };

        if (user.EmailVerifiedAt.HasValue)
        {
            model.MarkEmailVerified(user.EmailVerifiedAt.Value);
        }

        AuditMapper.CopyTo(user.Audit, model);
        return model;
    }
}
