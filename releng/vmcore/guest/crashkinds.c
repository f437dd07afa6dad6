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
 * mutex), divide (a division by zero).
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

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
}

static ssize_t ck_trigger_write(struct file *f, const char __user *ubuf, size_t len, loff_t *off)
{
	char what[32] = {};

	if (copy_from_user(what, ubuf, min(len, sizeof(what) - 1)))
		return -EFAULT;
	pr_info("crashkinds: trigger %s by pid %d (%s)\n", strim(what), current->pid, current->comm);
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
