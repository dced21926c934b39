// ffmpeg already uses both cores, and one test changes PATH: the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
