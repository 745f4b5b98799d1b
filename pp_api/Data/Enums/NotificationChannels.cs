using System;

namespace PpApi.Data.Enums;

/// <summary>Channels a user accepts notifications on; a combination of flags.</summary>
[Flags]
public enum NotificationChannels : long
{
    None = 0,
    Email = 1,
    Sms = 2,
    Push = 4,
    InApp = 8,
}
