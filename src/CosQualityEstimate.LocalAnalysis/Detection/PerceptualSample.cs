namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>What the natural-scene statistics say about one sampled gray frame (inside its bars).</summary>
/// <param name="Time">The frame's time, seconds.</param>
/// <param name="Brisque">BRISQUE (0 best … 100 worst) pooled over the frame's most structured tiles.</param>
/// <param name="Niqe">NIQE of the picture inside the bars (lower is better).</param>
/// <param name="Detail">Mean absolute luma gradient inside the bars (gray levels per pixel): how much detail the
/// content has (a covariate of the encoding prior, never quality by itself).</param>
/// <param name="Bands">The band energies inside the bars (<see cref="Perceptual.BandEnergy"/>, finest first), gray
/// levels²; <c>null</c> when not measured.</param>
/// <param name="CoarseDetail">Mean absolute difference of neighbouring 8×8 box means inside the bars
/// (<see cref="Perceptual.CoarseDetail"/>): the coarse structure fine detail is read against; <c>NaN</c> when not measured.</param>
internal readonly record struct PerceptualSample(double Time, double Brisque, double Niqe, double Detail, IReadOnlyList<double>? Bands = null, double CoarseDetail = double.NaN);
