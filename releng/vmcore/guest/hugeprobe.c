/*
 * hugeprobe: the guest program of Crashscope's vmcore generator (static, run by /init as root).
 *
 *   hugeprobe MODE SIZE COUNT
 *     MODE   none | soft | poison | both   what to do to the mapped huge pages:
 *            soft   madvise(MADV_SOFT_OFFLINE) of huge page 1 (the kernel migrates it)
 *            poison madvise(MADV_HWPOISON) of one 4 KiB page inside huge page 2
 *     SIZE   1G or 2M
 *     COUNT  how many huge pages to map
 *
 * It maps COUNT anonymous hugetlb pages, writes to each, and prints every page's virtual and
 * physical address read from /proc/self/pagemap before and after MODE, in lines that start with
 * "HP " for the driver to read off the serial console. With HP_WAIT set it waits for
 * /tmp/hp.go between mapping and MODE (a machine check is injected meanwhile). It then writes
 * /tmp/hp.ready and sleeps, so that the panic finds it alive. 6.12 answers MADV_HWPOISON with a
 * SIGBUS to the caller (BUS_MCEERR_AR), as a real consumed error would: it is caught and printed
 * ("HP sigbus"), so that the program lives on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MADV_SOFT_OFFLINE
#define MADV_SOFT_OFFLINE 101
#endif
#ifndef MADV_HWPOISON
#define MADV_HWPOISON 100
#endif

static int pagemap = -1;
static volatile sig_atomic_t bus_code;
static void *volatile bus_addr;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    bus_code = si->si_code;
    bus_addr = si->si_addr;
}

static uint64_t entry_of(uintptr_t va)
{
    uint64_t e = 0;
    if (pagemap >= 0 && pread(pagemap, &e, sizeof e, (off_t)(va / 4096) * sizeof e) == sizeof e)
        return e;
    return 0;
}

static void print_pages(const char *when, char *base, int count, size_t size)
{
    for (int i = 0; i < count; i++) {
        uintptr_t va = (uintptr_t)base + (uintptr_t)i * size;
        uint64_t e = entry_of(va);
        int present = (int)(e >> 63);
        uint64_t pfn = present ? e & ((1ULL << 55) - 1) : 0;
        printf("HP %s page=%d va=0x%lx present=%d pa=0x%llx pagemap=0x%016llx\n", when, i, (unsigned long)va, present,
               (unsigned long long)(pfn * 4096), (unsigned long long)e);
    }
}

static void touch(const char *path)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd >= 0)
        close(fd);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "none";
    int giga = argc > 2 && strcmp(argv[2], "1G") == 0;
    int count = argc > 3 ? atoi(argv[3]) : 3;
    size_t size = giga ? 1UL << 30 : 2UL << 20;
    int shift = giga ? 30 : 21;

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("HP start pid=%d mode=%s size=%s count=%d\n", (int)getpid(), mode, giga ? "1G" : "2M", count);
    char *base = mmap(NULL, size * count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (shift << MAP_HUGE_SHIFT), -1, 0);
    if (base == MAP_FAILED) {
        printf("HP mmap failed errno=%d (%s)\n", errno, strerror(errno));
        return 1;
    }
    printf("HP mapped base=0x%lx len=0x%lx\n", (unsigned long)base, (unsigned long)(size * count));
    for (int i = 0; i < count; i++)
        for (size_t off = 0; off < size; off += 2UL << 20)
            *(volatile uint64_t *)(base + (size_t)i * size + off) = 0x43534f5045000000ULL | (uint64_t)i << 16 | off >> 20;

    pagemap = open("/proc/self/pagemap", O_RDONLY);
    print_pages("before", base, count, size);
    if (getenv("HP_WAIT")) {
        touch("/tmp/hp.mapped");
        for (int n = 0; n < 3000 && access("/tmp/hp.go", F_OK) != 0; n++)
            usleep(100000);
    }
    if (strcmp(mode, "soft") == 0 || strcmp(mode, "both") == 0) {
        int k = count > 1 ? 1 : 0;
        char *at = base + (size_t)k * size;
        int r = madvise(at, size, MADV_SOFT_OFFLINE);
        printf("HP soft page=%d va=0x%lx ret=%d errno=%d\n", k, (unsigned long)at, r, r ? errno : 0);
    }
    if (strcmp(mode, "poison") == 0 || strcmp(mode, "both") == 0) {
        int k = count > 2 ? 2 : count - 1;
        char *at = base + (size_t)k * size + 5 * 4096;
        uint64_t e = entry_of((uintptr_t)at);
        printf("HP poison-target page=%d va=0x%lx pa=0x%llx\n", k, (unsigned long)at, (unsigned long long)((e & ((1ULL << 55) - 1)) * 4096));
        struct sigaction sa = {0};
        sa.sa_sigaction = on_sigbus;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGBUS, &sa, NULL);
        int r = madvise(at, 4096, MADV_HWPOISON);
        int err = r ? errno : 0;
        printf("HP poison page=%d va=0x%lx ret=%d errno=%d\n", k, (unsigned long)at, r, err);
        if (bus_code)
            printf("HP sigbus code=%d addr=0x%lx\n", (int)bus_code, (unsigned long)bus_addr);
    }
    print_pages("after", base, count, size);
    touch("/tmp/hp.ready");
    for (;;)
        pause();
}
