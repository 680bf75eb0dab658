using System.Text;
using Cuvis.Sandbox.Supervisor.Grpc;
using Google.Rpc;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Tests.Grpc;

public sealed class PublicStatusTests
{
    private const string DetailsKey = "grpc-status-details-bin";

    [Fact]
    public void Create_WithoutProblems_SendsTheMessageAloneWithoutDetails()
    {
        var error = PublicStatus.Create(StatusCode.NotFound, "Session x not found");

        error.Status.Should().Be(new global::Grpc.Core.Status(StatusCode.NotFound, "Session x not found"));
        error.Trailers.Get(DetailsKey).Should().BeNull();
    }

    [Fact]
    public void Create_WithProblems_AttachesABadRequestWhoseStatusRepeatsCodeAndMessage()
    {
        var error = PublicStatus.Create(StatusCode.InvalidArgument, "Invalid pipeline (2 problems)",
            [new FieldProblem("nodes[0].class", "unknown class 'X'."), new FieldProblem("connections[1].to", "unknown node 'y'.")]);

        var status = error.GetRpcStatus()!;
        status.Code.Should().Be((int)StatusCode.InvalidArgument);
        status.Message.Should().Be(error.Status.Detail, "clients (grpcio-status's from_call) refuse details whose message differs");
        status.GetDetail<BadRequest>().FieldViolations.Select(v => (v.Field, v.Description))
            .Should().Equal(("nodes[0].class", "unknown class 'X'."), ("connections[1].to", "unknown node 'y'."));
    }

    [Fact]
    public void Create_ManyLongProblems_KeepsTheFirstThatFitTheDetailsBudget()
    {
        var problems = Enumerable.Range(0, 500).Select(i => new FieldProblem($"nodes[{i}].class", new string('x', 2000))).ToArray();

        var error = PublicStatus.Create(StatusCode.InvalidArgument, "Invalid pipeline (500 problems)", problems);

        var bytes = error.Trailers.GetValueBytes(DetailsKey)!;
        (PercentEncodedLength(error.Status.Detail) + ((bytes.Length + 2) / 3 * 4))
            .Should().BeLessThanOrEqualTo(PublicStatus.MaxStatusBytes, "message and base64 details as sent fit grpcio's 8 KiB");
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        violations.Should().NotBeEmpty();
        violations.Count.Should().BeLessThan(500);
        violations.Select(v => v.Field).Should().Equal(problems.Take(violations.Count).Select(p => p.Field), "the first problems, in order");
        violations.Should().AllSatisfy(v => v.Description.Should().HaveLength(PublicStatus.MaxDescriptionChars).And.EndWith("..."));
    }

    [Fact]
    public void Create_LongMessageWithProblems_CutsTheMessageShorterToLeaveTheDetailsRoom()
    {
        var message = "Invalid pipeline (150 problems):" + string.Concat(Enumerable.Range(0, 150).Select(i => $"\n- node 'n{i}': {new string('x', 500)}"));
        var problems = Enumerable.Range(0, 150).Select(i => new FieldProblem($"nodes[{i}].class", $"node 'n{i}': {new string('x', 500)}")).ToArray();

        var error = PublicStatus.Create(StatusCode.InvalidArgument, message, problems);

        PercentEncodedLength(error.Status.Detail).Should().BeLessThanOrEqualTo(PublicStatus.MaxMessageBesideDetailsBytes);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Should().HaveCountGreaterThanOrEqualTo(5)
            .And.AllSatisfy(v => v.Field.Should().StartWith("nodes["));
    }

    [Fact]
    public void Fit_ShortMessage_IsUnchanged() =>
        PublicStatus.Fit("Invalid pipeline (1 problem):\n- node 'x': unknown class 'Y'.").Should().Be("Invalid pipeline (1 problem):\n- node 'x': unknown class 'Y'.");

    [Fact]
    public void Fit_LongListOfProblems_IsCutBetweenProblems_WithANote_UnderTheLimitAsSent()
    {
        var message = "Invalid pipeline (200 problems):" + string.Concat(Enumerable.Range(0, 200).Select(i => $"\n- node 'n{i}': unknown class 'NoSuchClass{i}'."));

        var fitted = PublicStatus.Fit(message);

        PercentEncodedLength(fitted).Should().BeLessThanOrEqualTo(PublicStatus.MaxMessageBytes);
        fitted.Should().StartWith("Invalid pipeline (200 problems):\n- node 'n0'").And.Contain($"the whole message is {message.Length} characters");
        var lines = fitted.Split('\n');
        lines[..^1].Should().AllSatisfy(line => message.Split('\n').Should().Contain(line), "whole problems are kept");
    }

    [Fact]
    public void Fit_CountsNonAsciiAsItIsSent_ThreeBytesPerUtf8Byte()
    {
        var message = new string('é', 1500); // 1,500 characters, 9,000 bytes percent-encoded

        var fitted = PublicStatus.Fit(message);

        PercentEncodedLength(fitted).Should().BeLessThanOrEqualTo(PublicStatus.MaxMessageBytes);
        fitted.Should().StartWith(new string('é', 400));
    }

    private static int PercentEncodedLength(string text) =>
        Encoding.UTF8.GetBytes(text).Sum(b => b is >= 0x20 and <= 0x7E && b != '%' ? 1 : 3);
}
