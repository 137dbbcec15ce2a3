"""Cut the calling process off from the network: a seccomp filter that refuses every socket
but a Unix one.

The query check refuses SERVICE, but it parses with rdflib while Oxigraph runs the query,
and two parsers can disagree. So each query over a local graph runs in a forked child that
first installs this filter: were a SERVICE call to slip past the check, the engine's HTTP
client could not open a socket. The filter is a dozen BPF instructions installed with
prctl through ctypes; libseccomp is not needed for so small a program.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

from .errors import QueryError

# per architecture: the audit id seccomp reports and the number of socket(2); io_uring_setup is
# 425 on both and is refused too, since io_uring can open sockets without calling socket(2)
ARCHITECTURES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
IO_URING_SETUP = 425
X32_SYSCALL_BIT = 0x40000000  # x86_64's x32 ABI numbers its calls from here; none is allowed
AF_UNIX = 1

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000

BPF_LOAD_WORD = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JUMP_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JUMP_AT_LEAST = 0x35  # BPF_JMP | BPF_JGE | BPF_K
BPF_RETURN = 0x06  # BPF_RET | BPF_K
# offsets in struct seccomp_data
SYSCALL_NUMBER, ARCHITECTURE, FIRST_ARGUMENT = 0, 4, 16


class _Filter(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def deny_network() -> None:
    """From now on, this process (and any child it makes) cannot open a network socket: socket(2)
    for any family but AF_UNIX fails with EPERM. Raises QueryError where the filter cannot be set."""
    machine = platform.machine()
    if platform.system() != "Linux" or machine not in ARCHITECTURES:
        raise QueryError(
            f"queries run only where talkgraph can cut them off from the network "
            f"(Linux on x86_64 or aarch64), not on {platform.system()} {machine}"
        )
    program = _program(*ARCHITECTURES[machine])
    libc = ctypes.CDLL(None, use_errno=True)
    code = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    fprog = _Filter(len(program), code)
    if (
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
        or libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0
    ):
        reason = errno.errorcode.get(ctypes.get_errno(), "unknown error")
        raise QueryError(
            f"cannot cut the query process off from the network (seccomp: {reason}); "
            "queries are refused on a kernel without seccomp filters"
        )


def _program(architecture: int, socket_call: int) -> list[tuple[int, int, int, int]]:
    """The BPF program: (code, jump if true, jump if false, constant); jumps skip that many
    instructions past the next."""
    allow = (BPF_RETURN, 0, 0, SECCOMP_RET_ALLOW)
    deny = (BPF_RETURN, 0, 0, SECCOMP_RET_ERRNO | errno.EPERM)
    # fmt: off
    return [
        (BPF_LOAD_WORD, 0, 0, ARCHITECTURE),                # 0
        (BPF_JUMP_EQUAL, 1, 0, architecture),               # 1: another ABI (i386 on x86_64) → 2
        deny,                                               # 2
        (BPF_LOAD_WORD, 0, 0, SYSCALL_NUMBER),              # 3
        (BPF_JUMP_AT_LEAST, 5, 0, X32_SYSCALL_BIT),         # 4: → 10
        (BPF_JUMP_EQUAL, 4, 0, IO_URING_SETUP),             # 5: → 10
        (BPF_JUMP_EQUAL, 0, 2, socket_call),                # 6: socket → 7, else → 9
        (BPF_LOAD_WORD, 0, 0, FIRST_ARGUMENT),              # 7: the address family (low word)
        (BPF_JUMP_EQUAL, 0, 1, AF_UNIX),                    # 8: AF_UNIX → 9, else → 10
        allow,                                              # 9
        deny,                                               # 10
    ]
    # fmt: on
