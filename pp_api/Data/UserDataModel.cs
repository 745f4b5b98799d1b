#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// A user, stored in the <c>users</c> table. This table predates the snake_case convention:
/// its attributes are the camelCased property names.
/// </summary>
[DynamoDBTable(TableNames.Users, LowerCamelCaseProperties = true)]
public class UserDataModel : BaseDataModel
{
    /// <summary>User id (partition key), the identity provider's subject.</summary>
    [DynamoDBHashKey]
    public string UserId { get; set; } = string.Empty;

    /// <summary>Tenant the user belongs to.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.UserTenantIndex)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Sign-in e-mail address, lower-cased.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.EmailIndex)]
    public string Email { get; set; } = string.Empty;

    /// <summary>Name shown in the UI.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Avatar image URL.</summary>
    [DynamoDBProperty("AvatarURL")]
    public string? AvatarUrl { get; set; }

    /// <summary>Role within the tenant.</summary>
    public UserRole Role { get; set; } = UserRole.Member;

    /// <summary>Fine-grained permissions granted on top of the role.</summary>
    public List<string> Permissions { get; set; } = new List<string>();

    /// <summary>Channels the user accepts notifications on.</summary>
    public NotificationChannels NotificationChannels { get; set; } = NotificationChannels.Email | NotificationChannels.InApp;

    /// <summary>IANA time zone used for reminders.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Last successful sign-in.</summary>
    public DateTime? LastLoginAt { get; set; }

    /// <summary>When the e-mail address was verified; only set through <see cref="MarkEmailVerified"/>.</summary>
    public DateTime? EmailVerifiedAt { get; private set; }

    /// <summary>True once the e-mail address is verified.</summary>
    public bool IsEmailVerified => EmailVerifiedAt.HasValue;

    /// <summary>Records e-mail verification; later calls keep the first timestamp.</summary>
    public void MarkEmailVerified(DateTime verifiedAtUtc)
    {
        if (EmailVerifiedAt == null)
        {
            EmailVerifiedAt = verifiedAtUtc;
        }
    }
}
