using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class FailureRecordTests
{
    [Fact]
    public void Serialize_Failure_RoundTripsSnakeCase()
    {
        var failure = new FailureRecord { Id = "p1#0", Stage = "critique", ErrorKind = "timeout", Message = "no reply in 30 s", Attempts = 3 };

        JsonAssert.RoundTrips(failure,
            """{"id":"p1#0","stage":"critique","error_kind":"timeout","message":"no reply in 30 s","attempts":3}""");
    }

    [Fact]
    public void Validate_ZeroAttempts_NamesAttempts()
    {
        var failure = new FailureRecord { Id = "x", Stage = "s", ErrorKind = "k", Message = "m", Attempts = 0 };

        Assert.Equal("attempts", failure.Validate()?.Field);
    }
}
