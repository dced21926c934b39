namespace CosQualityEstimate.Models;

/// <summary>Delivery type of the job callback (<c>CallBackType</c>); the service default is Url.</summary>
public enum CallbackType
{
    /// <summary><c>Url</c>: an HTTP POST to <c>CallBack</c>.</summary>
    Url = 0,

    /// <summary><c>TDMQ</c>: a message to the queue described by <c>CallBackMqConfig</c>.</summary>
    Tdmq = 1,
}
