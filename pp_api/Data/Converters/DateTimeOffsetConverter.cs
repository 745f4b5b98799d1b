#nullable enable
using System;
using System.Globalization;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;

namespace PpApi.Data.Converters;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as an ISO 8601 round-trip string (format "o"), keeping
/// the original offset. The SDK has no built-in conversion for <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class DateTimeOffsetConverter : IPropertyConverter
{
    /// <summary>Converts the value to a string <see cref="Primitive"/>.</summary>
    public DynamoDBEntry ToEntry(object value)
    {
        if (value is not DateTimeOffset timestamp)
        {
            throw new ArgumentException(
                $"{nameof(DateTimeOffsetConverter)} expects a DateTimeOffset, got {value?.GetType().Name ?? "null"}.",
                nameof(value));
        }

        return new Primitive(timestamp.ToString("o", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses the stored string back, accepting any ISO 8601 form with an offset.</summary>
    public object FromEntry(DynamoDBEntry entry)
    {
        var text = entry?.AsString();
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException("Cannot convert an empty entry to a DateTimeOffset.");
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
