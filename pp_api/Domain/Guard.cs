#nullable enable
using System;

namespace PpApi.Domain;

/// <summary>Argument checks that raise <see cref="DomainException"/> with a user-facing message.</summary>
internal static class Guard
{
    public static string NotBlank(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException($"{field} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static decimal InRange(decimal value, decimal min, decimal max, string field)
    {
        if (value < min || value > max)
        {
            throw new DomainException($"{field} must be between {min} and {max}.");
        }

        return value;
    }

    public static double InRange(double value, double min, double max, string field)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new DomainException($"{field} must be between {min} and {max}.");
        }

        return value;
    }

    public static DateTime Utc(DateTime value, string field)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            return value.ToUniversalTime();
        }

        if (value.Kind == DateTimeKind.Unspecified)
        {
            throw new DomainException($"{field} must be a UTC timestamp.");
        }

        return value;
    }
}
