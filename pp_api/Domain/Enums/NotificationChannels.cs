using System;

namespace PpApi.Domain.Enums;

/// <summary>Notification channels a user accepts.</summary>
[Flags]
public enum NotificationChannels
{
    None = 0,
    Email = 1,
    Sms = 2,
    Push = 4,
    InApp = 8,
}
