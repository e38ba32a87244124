using System.Runtime.InteropServices;
using System.Text;

namespace StoreSales.Edge.Devices;

/// <summary>
/// The few libc calls the evdev reader and the serial readiness wait need (Linux, x86-64 and arm64 flag values). A non-blocking
/// descriptor and <c>poll</c> make reads cancellable; <c>FileStream</c> would block a thread in <c>open</c> on a
/// FIFO without a writer and in <c>read</c> on an idle device, with no way to cancel either.
/// </summary>
internal static class LibC
{
    public const int ORdOnly = 0;
    public const int ONonBlock = 0x800;
    public const int ONoCtty = 0x100;
    public const int OCloExec = 0x80000;

    public const short PollIn = 0x001;
    public const short PollErr = 0x008;
    public const short PollHup = 0x010;
    public const short PollNval = 0x020;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoEnt = 2;
    public const int EAcces = 13;
    public const int ENoDev = 19;
    public const int ENotTy = 25;
    public const int EBusy = 16;

    /// <summary><c>_IOW('E', 0x90, int)</c>: grab (1) or release (0) an input device exclusively.</summary>
    public const uint EviocGrab = 0x40044590;

    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public static int Open(string path, int flags) => open(NullTerminated(path), flags);

    public static int Close(int fd) => close(fd);

    public static nint Read(int fd, byte[] buffer) => read(fd, buffer, buffer.Length);

    public static int Poll(ref PollFd fd, int timeoutMilliseconds) => poll(ref fd, 1, timeoutMilliseconds);

    public static int Ioctl(int fd, uint request, nint argument) => ioctl(fd, request, argument);

    /// <summary>The last call's errno.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>What the open descriptor is, from <c>statx</c>'s file type bits.</summary>
    public static InputFileKind KindOf(int fd)
    {
        var buffer = new byte[StatxSize];
        if (statx(fd, NullTerminated(""), AtEmptyPath, StatxType, buffer) != 0)
        {
            return InputFileKind.Unknown;
        }

        return (BitConverter.ToUInt16(buffer, StatxModeOffset) & 0xF000) switch
        {
            0x2000 => InputFileKind.CharacterDevice,
            0x1000 => InputFileKind.Fifo,
            0x8000 => InputFileKind.RegularFile,
            _ => InputFileKind.Other,
        };
    }

    private static byte[] NullTerminated(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; these signatures are blittable as they are.
    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, nint argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}

/// <summary>What an input path turned out to be once opened.</summary>
public enum InputFileKind
{
    Unknown,
    CharacterDevice,
    Fifo,
    RegularFile,
    Other,
}
