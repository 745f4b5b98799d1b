using System;

namespace PpApi.Domain;

/// <summary>A business rule was violated. The API maps it to HTTP 422.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }
}
