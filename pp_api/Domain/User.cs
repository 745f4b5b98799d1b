#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Mail;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A person who signs in to a tenant.</summary>
public class User
{
    private readonly List<string> _permissions = new List<string>();

    internal User(string id, string tenantId, string email, string displayName, AuditInfo audit)
    {
        Id = id;
        TenantId = tenantId;
        Email = email;
        DisplayName = displayName;
        Audit = audit;
    }

    public string Id { get; }

    public string TenantId { get; }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public Uri? AvatarUrl { get; internal set; }

    public UserRole Role { get; internal set; } = UserRole.Member;

    public IReadOnlyList<string> Permissions => _permissions;

    public NotificationChannels NotificationChannels { get; internal set; } = NotificationChannels.Email | NotificationChannels.InApp;

    public string TimeZone { get; internal set; } = "UTC";

    public DateTime? LastLoginAt { get; internal set; }

    public DateTime? EmailVerifiedAt { get; internal set; }

    public AuditInfo Audit { get; }

    public bool IsEmailVerified => EmailVerifiedAt.HasValue;

    public static User Register(Tenant tenant, int activeUsers, string subject, string email, string displayName)
    {
        if (!tenant.CanAddUser(activeUsers))
        {
            throw new DomainException("The tenant has no free seats.");
        }

        return new User(
            Guard.NotBlank(subject, "Subject", 128),
            tenant.Id.ToString(),
            NormaliseEmail(email),
            Guard.NotBlank(displayName, "Display name", 100),
            AuditInfo.CreatedNow(subject));
    }

    public static string NormaliseEmail(string email)
    {
        var trimmed = Guard.NotBlank(email, "E-mail", 254);
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            throw new DomainException($"'{email}' is not a valid e-mail address.");
        }

        return address.Address.ToLowerInvariant();
    }

    internal void RestorePermissions(IEnumerable<string> permissions)
    {
        _permissions.Clear();
        _permissions.AddRange(permissions);
    }

    public bool HasPermission(string permission) =>
        Role >= UserRole.Admin || _permissions.Contains(permission, StringComparer.OrdinalIgnoreCase);

    public void Grant(string permission)
    {
        var name = Guard.NotBlank(permission, "Permission", 64).ToLowerInvariant();
        if (!_permissions.Contains(name))
        {
            _permissions.Add(name);
        }
    }

    public void Revoke(string permission) => _permissions.Remove(permission.ToLowerInvariant());

    /// <summary>Changes the role. Only an owner may appoint another owner, and nobody can change their own role.</summary>
    public void ChangeRole(UserRole role, User actor)
    {
        if (actor.Id == Id)
        {
            throw new DomainException("Users cannot change their own role.");
        }

        if (actor.TenantId != TenantId || actor.Role < UserRole.Admin)
        {
            throw new DomainException("Only an administrator of the tenant can change roles.");
        }

        if ((role == UserRole.Owner || Role == UserRole.Owner) && actor.Role != UserRole.Owner)
        {
            throw new DomainException("Only an owner can grant or remove the owner role.");
        }

        Role = role;
        Audit.Touch(actor.Id);
    }

    public void ChangeEmail(string email)
    {
        var normalised = NormaliseEmail(email);
        if (normalised == Email)
        {
            return;
        }

        Email = normalised;
        EmailVerifiedAt = null;
        Audit.Touch(Id);
    }

    public void VerifyEmail(DateTime nowUtc) => EmailVerifiedAt ??= nowUtc;

    public void RecordLogin(DateTime nowUtc) => LastLoginAt = nowUtc;

    public void Rename(string displayName)
    {
        DisplayName = Guard.NotBlank(displayName, "Display name", 100);
        Audit.Touch(Id);
    }

    public bool Accepts(NotificationChannels channel) => (NotificationChannels & channel) == channel;
}
