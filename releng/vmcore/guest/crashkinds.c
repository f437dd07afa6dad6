// SPDX-License-Identifier: GPL-2.0
/*
 * crashkinds: makes a real kernel fail in one chosen way, for Crashscope's corpus of real
 * crashes (see ../README.md). Each failure sits at the bottom of a chain of noinline helpers,
 * so that the faulting frame has real callers with callee-saved registers on the stack.
 *
 *   insmod crashkinds.ko kind=KIND        fail while loading (bug, warn, softlockup, divide)
 *   echo KIND > /sys/kernel/debug/crashkinds/trigger
 *                                         fail in the writer's context (null, gpf, corrupt, uaf)
 *   insmod crashkinds.ko kind=hung        a kthread takes a mutex and sleeps on; a write to
 *                                         /sys/kernel/debug/crashkinds/lock then blocks for good
 *
 * KIND: null (NULL pointer dereference), gpf (a non-canonical pointer kept in a callee-saved
 * register, as in the GHES/hugepage case), corrupt (a list entry unlinked twice by hand: a write
 * through LIST_POISON1), listdel (list_del twice: CONFIG_DEBUG_LIST's corruption BUG),
 * uaf (a freed, slub-poisoned object used again), bug (BUG_ON), warn (WARN_ON, with
 * panic_on_warn), softlockup (a CPU spinning with preemption off), hung (a task blocked on a
 * mutex), divide (a division by zero),
 * nx (a call into a kmalloc'd buffer: the direct map is not executable),
 * stack (recursion with a 1 KiB frame until the guard page below the vmapped stack is hit),
 * canary (a char buffer on the stack written past its end: the stack protector's canary),
 * refcount (a refcount_t put once too often: underflow, a WARN; with panic_on_warn),
 * usercopy (copy_to_user from a kmalloc-64 object with 96 bytes: hardened usercopy's BUG),
 * rcustall (a CPU spinning in an RCU read section with preemption off; with panic_on_rcu_stall),
 * atomic (msleep under a spinlock: "scheduling while atomic"; with panic_on_warn),
 * badpage (pages freed with a mapping still set: "Bad page state"; with panic_on_taint=0x20),
 * oom (pages allocated until the OOM killer runs; with panic_on_oom),
 * kfence (an object from KFENCE's pool freed and read: KFENCE's use-after-free; 6.12 only, Debian's
 * 6.1 has no KFENCE; with kfence.sample_interval=1 and panic_on_warn).
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kfence.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/version.h>

static char *kind = "";
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind, "fail at load: bug, warn, softlockup, divide, hung (see the source)");

struct ck_item {
	struct list_head node;
	unsigned long cookie;
	struct ck_item *next;
	char payload[200];
};

struct ck_dev {
	struct mutex lock;
	struct ck_item *buf;
	struct dentry *dir;
	unsigned long seed;
};

static struct ck_dev ck_dev;
static volatile int ck_zero;

/* A pointer the compiler cannot fold: read back through a volatile. */
static noinline struct ck_item *ck_lookup(struct ck_item *base, int missing)
{
	struct ck_item *volatile p = missing ? NULL : base;
	return p;
}

static noinline unsigned long ck_read_cookie(struct ck_item *item)
{
	return READ_ONCE(item->cookie);
}

static noinline unsigned long ck_walk_null(int depth)
{
	struct ck_item *item = ck_lookup(ck_dev.buf, 1);
	return ck_read_cookie(item) + depth;
}

/*
 * The non-canonical pointer: built from a valid one by shifting its high bits away, as a
 * torn read of a page-table entry would, and kept live across calls in a callee-saved register.
 */
static noinline unsigned long ck_torn(unsigned long v)
{
	return (v << 12) >> 8;
}

static noinline unsigned long ck_walk_gpf(unsigned long seed)
{
	struct ck_item *bad = (struct ck_item *)ck_torn((unsigned long)ck_dev.buf | 0x0000000100000000UL);
	unsigned long sum = seed;
	int i;

	for (i = 0; i < 4; i++)
		sum += ck_torn(sum);
	return READ_ONCE(bad->cookie) + sum;
}

static noinline void ck_unlink(struct ck_item *item)
{
	list_del(&item->node);
}

/* What buggy code does by hand, past CONFIG_DEBUG_LIST's checks: the entry's pointers are LIST_POISON1/2. */
static noinline void ck_unlink_raw(struct ck_item *item)
{
	struct list_head *next = READ_ONCE(item->node.next);
	struct list_head *prev = READ_ONCE(item->node.prev);

	WRITE_ONCE(next->prev, prev);
	WRITE_ONCE(prev->next, next);
}

static noinline void ck_walk_corrupt(int checked)
{
	LIST_HEAD(head);
	struct ck_item *item = kzalloc(sizeof(*item), GFP_KERNEL);

	if (!item)
		return;
	list_add(&item->node, &head);
	ck_unlink(item);
	if (checked)
		ck_unlink(item);     /* CONFIG_DEBUG_LIST: "list_del corruption", a BUG */
	else
		ck_unlink_raw(item); /* a write through LIST_POISON1: a general protection fault */
}

static noinline unsigned long ck_follow(struct ck_item *item)
{
	return READ_ONCE(item->next->cookie);
}

static noinline unsigned long ck_walk_uaf(void)
{
	struct ck_item *item = kzalloc(sizeof(*item), GFP_KERNEL);
	struct ck_item *other = kzalloc(sizeof(*other), GFP_KERNEL);

	if (!item || !other)
		return 0;
	item->next = other;
	kfree(item); /* slub_debug=P fills it with 0x6b */
	return ck_follow(item);
}

static noinline void ck_check(unsigned long v)
{
	BUG_ON(v != 0x1234);
}

static noinline void ck_warn(unsigned long v)
{
	WARN_ON(v != 0x1234);
}

static noinline int ck_divide(int n)
{
	return 1000 / (n + ck_zero);
}

static noinline void ck_spin(void)
{
	unsigned long end = jiffies + 300 * HZ;

	preempt_disable();
	while (time_before(jiffies, end))
		cpu_relax();
	preempt_enable();
}

/* NX: the direct map where kmalloc's objects live is not executable; the call faults on the fetch. */
typedef unsigned long (*ck_fn)(unsigned long);

static noinline unsigned long ck_call(ck_fn fn, unsigned long v)
{
	return fn(v) + 1; /* not a tail call: ck_call stays on the stack under the fault */
}

static noinline unsigned long ck_walk_nx(void)
{
	u8 *code = kmalloc(64, GFP_KERNEL);

	if (!code)
		return 0;
	memset(code, 0xc3, 64); /* ret */
	return ck_call((ck_fn)code, ck_dev.seed);
}

/* The guard page: 16 KiB of vmapped stack, a 1 KiB frame per call. */
static noinline unsigned long ck_recurse(unsigned long depth, volatile char *up)
{
	volatile char frame[1024];

	frame[depth & 1023] = (char)depth;
	if (depth > (1UL << 30))
		return frame[0];
	return ck_recurse(depth + 1, frame) + frame[(depth * 7) & 1023] + up[0];
}

/* The canary: 16 bytes of buffer, 24 written; __stack_chk_fail panics when ck_smash returns. */
static noinline int ck_smash(const char *src, int n)
{
	char buf[16];
	char *volatile p = buf;
	int i;

	for (i = 0; i < n; i++)
		p[i] = src[i];
	return buf[0] + buf[15];
}

/* One put too many: refcount_t saturates and WARNs "underflow; use-after-free". */
static noinline unsigned int ck_put(refcount_t *ref)
{
	if (refcount_dec_and_test(ref))
		pr_info("crashkinds: last reference dropped\n");
	return refcount_read(ref); /* after the WARN: no tail call, ck_put stays on the stack */
}

static noinline void ck_walk_refcount(void)
{
	refcount_t *ref = kmalloc(sizeof(*ref), GFP_KERNEL);

	if (!ref)
		return;
	refcount_set(ref, 1);
	ck_put(ref);
	ck_put(ref);
}

/* Hardened usercopy: 96 bytes of a 64-byte slab object to user space. */
static volatile size_t ck_copy_len = 96;

static noinline unsigned long ck_copy_out(void __user *to, const void *from, size_t n)
{
	return copy_to_user(to, from, n);
}

static noinline unsigned long ck_walk_usercopy(void __user *to)
{
	void *obj = kzalloc(64, GFP_KERNEL);
	unsigned long left;

	if (!obj)
		return 0;
	left = ck_copy_out(to, obj, ck_copy_len);
	kfree(obj);
	return left;
}

/*
 * An RCU read section that does not end, with preemption off: the grace period stalls. A callback
 * queued first makes sure a grace period is waited for (6.12's idle machine asks for none).
 */
static struct rcu_head ck_rcu_head;

static void ck_rcu_done(struct rcu_head *head)
{
	pr_info("crashkinds: a grace period ended\n");
}

static noinline void ck_hold_rcu(void)
{
	unsigned long end = jiffies + 300 * HZ;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	call_rcu_hurry(&ck_rcu_head, ck_rcu_done);
#else
	call_rcu(&ck_rcu_head, ck_rcu_done);
#endif
	rcu_read_lock();
	preempt_disable();
	while (time_before(jiffies, end))
		cpu_relax();
	preempt_enable();
	rcu_read_unlock();
}

/* A sleep under a spinlock: the scheduler finds preempt_count raised. */
static DEFINE_SPINLOCK(ck_lock);

static noinline void ck_sleep_locked(void)
{
	spin_lock(&ck_lock);
	msleep(10);
	spin_unlock(&ck_lock);
}

/*
 * Two pages freed with the second's mapping still set: the page allocator's free check calls it
 * bad. An order-0 page would be checked only when its per-CPU list drains, later and elsewhere;
 * the tail pages of a higher order are checked as they are freed (6.12: with page_poison=1).
 */
static noinline unsigned long ck_free_bad(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	if (!page)
		return 0;
	page[1].mapping = (struct address_space *)ck_dev.buf;
	__free_pages(page, 1);
	return page_to_pfn(page); /* after the free: no tail call */
}

/* Pages taken and never given back until the OOM killer runs. */
static noinline unsigned long ck_hog(void)
{
	unsigned long n = 0;
	struct page *page;
	LIST_HEAD(held);

	while ((page = alloc_page(GFP_KERNEL))) {
		list_add(&page->lru, &held);
		n++;
	}
	return n;
}

/* KFENCE: allocations until one comes from its pool (one a sample interval), then freed and read. */
static noinline unsigned long ck_kfence_read(struct ck_item *item)
{
	return READ_ONCE(item->payload[8]) + 1; /* not ck_read_cookie's code: gcc would fold the two into one */
}

static noinline unsigned long ck_walk_kfence(void)
{
	struct ck_item *item = NULL;
	int i;

	for (i = 0; i < 20000; i++) {
		item = kmalloc(sizeof(*item), GFP_KERNEL);
		if (!item || is_kfence_address(item))
			break;
		kfree(item);
		item = NULL;
		usleep_range(100, 200);
	}
	if (!item) {
		pr_info("crashkinds: no KFENCE object\n");
		return 0;
	}
	pr_info("crashkinds: KFENCE object %px after %d allocations\n", item, i + 1);
	kfree(item);
	return ck_kfence_read(item) + i;
}

static int ck_holder(void *unused)
{
	mutex_lock(&ck_dev.lock);
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	mutex_unlock(&ck_dev.lock);
	return 0;
}

static noinline void ck_take_lock(void)
{
	mutex_lock(&ck_dev.lock); /* held by ck_holder for ever: blocks uninterruptibly */
	mutex_unlock(&ck_dev.lock);
}

static void ck_fail(const char *what)
{
	if (sysfs_streq(what, "null"))
		pr_info("crashkinds: %lu\n", ck_walk_null(3));
	else if (sysfs_streq(what, "gpf"))
		pr_info("crashkinds: %lu\n", ck_walk_gpf(ck_dev.seed));
	else if (sysfs_streq(what, "corrupt"))
		ck_walk_corrupt(0);
	else if (sysfs_streq(what, "listdel"))
		ck_walk_corrupt(1);
	else if (sysfs_streq(what, "uaf"))
		pr_info("crashkinds: %lu\n", ck_walk_uaf());
	else if (sysfs_streq(what, "bug"))
		ck_check(ck_dev.seed);
	else if (sysfs_streq(what, "warn"))
		ck_warn(ck_dev.seed);
	else if (sysfs_streq(what, "divide"))
		pr_info("crashkinds: %d\n", ck_divide(0));
	else if (sysfs_streq(what, "softlockup"))
		ck_spin();
	else if (sysfs_streq(what, "nx"))
		pr_info("crashkinds: %lu\n", ck_walk_nx());
	else if (sysfs_streq(what, "stack"))
		pr_info("crashkinds: %lu\n", ck_recurse(0, (volatile char *)&ck_dev.seed));
	else if (sysfs_streq(what, "canary"))
		pr_info("crashkinds: %d\n", ck_smash("crashkinds: a string longer than its buffer", 24));
	else if (sysfs_streq(what, "refcount"))
		ck_walk_refcount();
	else if (sysfs_streq(what, "rcustall"))
		ck_hold_rcu();
	else if (sysfs_streq(what, "atomic"))
		ck_sleep_locked();
	else if (sysfs_streq(what, "badpage"))
		pr_info("crashkinds: pfn %lx\n", ck_free_bad());
	else if (sysfs_streq(what, "oom"))
		pr_info("crashkinds: %lu pages\n", ck_hog());
	else if (sysfs_streq(what, "kfence"))
		pr_info("crashkinds: %lu\n", ck_walk_kfence());
}

static ssize_t ck_trigger_write(struct file *f, const char __user *ubuf, size_t len, loff_t *off)
{
	char what[32] = {};

	if (copy_from_user(what, ubuf, min(len, sizeof(what) - 1)))
		return -EFAULT;
	pr_info("crashkinds: trigger %s by pid %d (%s)\n", strim(what), current->pid, current->comm);
	if (sysfs_streq(what, "usercopy"))
		pr_info("crashkinds: %lu left\n", ck_walk_usercopy((void __user *)ubuf));
	else
		ck_fail(what);
	return len;
}

static ssize_t ck_lock_write(struct file *f, const char __user *ubuf, size_t len, loff_t *off)
{
	pr_info("crashkinds: pid %d (%s) takes the lock\n", current->pid, current->comm);
	ck_take_lock();
	return len;
}

static const struct file_operations ck_trigger_fops = { .owner = THIS_MODULE, .write = ck_trigger_write };
static const struct file_operations ck_lock_fops = { .owner = THIS_MODULE, .write = ck_lock_write };

static int __init ck_init(void)
{
	mutex_init(&ck_dev.lock);
	ck_dev.seed = 0xc0ffee;
	ck_dev.buf = kzalloc(sizeof(*ck_dev.buf), GFP_KERNEL);
	if (!ck_dev.buf)
		return -ENOMEM;
	ck_dev.dir = debugfs_create_dir("crashkinds", NULL);
	debugfs_create_file("trigger", 0200, ck_dev.dir, NULL, &ck_trigger_fops);
	debugfs_create_file("lock", 0200, ck_dev.dir, NULL, &ck_lock_fops);
	pr_info("crashkinds: loaded, kind=%s, buf %px\n", kind, ck_dev.buf);
	if (sysfs_streq(kind, "hung"))
		kthread_run(ck_holder, NULL, "ck_holder");
	else if (*kind)
		ck_fail(kind);
	return 0;
}

static void __exit ck_exit(void)
{
	debugfs_remove_recursive(ck_dev.dir);
	kfree(ck_dev.buf);
}

module_init(ck_init);
module_exit(ck_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Crashscope: real kernel failures for a corpus of real crashes");
