using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class ContentIdTests
{
    [Fact]
    public void Of_Text_IsSha256HexPrefix()
    {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example).
        Assert.Equal("ba7816bf8f01cfea", ContentId.Of("abc"));
    }

    [Fact]
    public void Of_Messages_DependsOnRoleAndContent()
    {
        var user = ContentId.Of([Message.User("hello")]);

        Assert.Equal(user, ContentId.Of([Message.User("hello")]));
        Assert.NotEqual(user, ContentId.Of([Message.Assistant("hello")]));
        Assert.NotEqual(user, ContentId.Of([Message.User("hello!")]));
        Assert.Equal(ContentId.Length, user.Length);
    }
}
