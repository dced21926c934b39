using CosQualityEstimate.LocalAnalysis.Perceptual;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>BRISQUE and NIQE on real photographs (not the NIQE fitting set): degradation ladders, crops, threads.</summary>
public sealed class PerceptualModelTests(ITestOutputHelper output)
{
    // Wood.jpg (mate-backgrounds): both models order every rung. Not every photograph does, and the score built on
    // them must live with it (docs/local-analysis.md, "Natural-scene statistics"): on plasma's EveningGlow, noise 8
    // scored BRISQUE 2.2 against 5.5 for the original; on OneStandsOut (fine texture) NIQE scored the original 8.2
    // and its σ 1.5 blur 6.8.
    public static TheoryData<string> LadderPhotos => new()
    {
        "usr/share/backgrounds/mate/nature/Wood.jpg",
    };

    [PerceptualTheory]
    [MemberData(nameof(LadderPhotos))]
    public void Scores_BlurLadder_RiseMonotonically(string photo) =>
        AssertLadder(photo, "blur", p => [p, .. new[] { 1.5, 3, 6 }.Select(s => PerceptualPictures.Filtered(p, $"gblur=sigma={s}", $"blur {s}"))]);

    [PerceptualTheory]
    [MemberData(nameof(LadderPhotos))]
    public void Scores_NoiseLadder_RiseMonotonically(string photo) =>
        AssertLadder(photo, "noise", p => [p, .. new[] { 8, 16, 32 }.Select(s => PerceptualPictures.Filtered(p, $"noise=alls={s}:allf=u", $"noise {s}"))]);

    [PerceptualTheory]
    [MemberData(nameof(LadderPhotos))]
    public void Scores_JpegLadder_RiseMonotonically(string photo) =>
        AssertLadder(photo, "jpeg", p => [p, .. new[] { 10, 20, 31 }.Select(q => PerceptualPictures.Jpeg(p, q))]);

    [PerceptualFact]
    public void Scores_ParallelCalls_GiveTheSameValues()
    {
        var photo = PerceptualPictures.Photo("usr/share/backgrounds/mate/nature/Storm.jpg", 1280);
        var brisque = Brisque.Score(photo.Pixels, photo.Width, photo.Height, photo.Width);
        var niqe = Niqe.Score(photo.Pixels, photo.Width, photo.Height, photo.Width);
        var results = new (double Brisque, double Niqe)[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = (Brisque.Score(photo.Pixels, photo.Width, photo.Height, photo.Width), Niqe.Score(photo.Pixels, photo.Width, photo.Height, photo.Width)));
        Assert.All(results, r =>
        {
            Assert.Equal(brisque, r.Brisque);
            Assert.Equal(niqe, r.Niqe);
        });
    }

    [PerceptualFact]
    public void Scores_CropOfALargerFrame_EqualTheCroppedCopy()
    {
        var frame = PerceptualPictures.Photo("usr/share/wallpapers/Grey/contents/images/1280x1024.jpg", 1280);
        const int left = 37, top = 50, width = 1001, height = 611;
        var copy = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            frame.Pixels.AsSpan(((top + y) * frame.Width) + left, width).CopyTo(copy.AsSpan(y * width));
        }

        var slice = frame.Pixels.AsSpan((top * frame.Width) + left);
        Assert.Equal(Brisque.Score(copy, width, height, width), Brisque.Score(slice, width, height, frame.Width));
        Assert.Equal(Niqe.Score(copy, width, height, width), Niqe.Score(slice, width, height, frame.Width));
        Assert.NotEqual(Brisque.Score(frame.Pixels, frame.Width, frame.Height, frame.Width), Brisque.Score(slice, width, height, frame.Width));
    }

    [Fact]
    public void Scores_TooSmallOrShortBuffer_Throw()
    {
        var pixels = new byte[200 * 100];
        Assert.Throws<ArgumentOutOfRangeException>(() => Brisque.Score(pixels, 10, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Niqe.Score(pixels, 200, 90, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => Brisque.Score(pixels, 200, 100, 199));
        Assert.Throws<ArgumentException>(() => Brisque.Score(pixels, 200, 100, 201));
    }

    [Fact]
    public void Scores_SolidPicture_AreNaN()
    {
        var pixels = new byte[320 * 240];
        pixels.AsSpan().Fill(128);
        Assert.True(double.IsNaN(Brisque.Score(pixels, 320, 240, 320)));
        Assert.True(double.IsNaN(Niqe.Score(pixels, 320, 240, 320)));
    }

    private void AssertLadder(string photo, string axis, Func<GrayPicture, GrayPicture[]> ladder)
    {
        var rungs = ladder(PerceptualPictures.Photo(photo, 1280));
        var brisque = rungs.Select(r => Brisque.Score(r.Pixels, r.Width, r.Height, r.Width)).ToArray();
        var niqe = rungs.Select(r => Niqe.Score(r.Pixels, r.Width, r.Height, r.Width)).ToArray();
        for (var i = 0; i < rungs.Length; i++)
        {
            output.WriteLine($"{rungs[i].Name}: BRISQUE {brisque[i]:F2}, NIQE {niqe[i]:F2}");
        }

        for (var i = 1; i < rungs.Length; i++)
        {
            Assert.True(brisque[i] > brisque[i - 1], $"{axis}: BRISQUE {rungs[i].Name} {brisque[i]:F2} is not above {rungs[i - 1].Name} {brisque[i - 1]:F2}");
            Assert.True(niqe[i] > niqe[i - 1], $"{axis}: NIQE {rungs[i].Name} {niqe[i]:F2} is not above {rungs[i - 1].Name} {niqe[i - 1]:F2}");
        }
    }
}
