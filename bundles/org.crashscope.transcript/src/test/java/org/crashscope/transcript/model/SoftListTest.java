package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A soft list gives what its function makes for each position, at every size around its chunks, makes each element
 * once while the heap has room (the same object when asked again), and gives equal elements to threads that ask
 * together.
 */
class SoftListTest {

    @Test
    void givesWhatTheFunctionMakesOnceEach() {
        for (int size : new int[] {0, 1, SoftList.CHUNK - 1, SoftList.CHUNK, SoftList.CHUNK + 1, 10 * SoftList.CHUNK + 7}) {
            AtomicInteger made = new AtomicInteger();
            List<String> list = new SoftList<>(size, i -> {
                made.incrementAndGet();
                return "element " + i;
            });
            assertEquals(size, list.size());
            assertEquals(IntStream.range(0, size).mapToObj(i -> "element " + i).toList(), list, "size " + size);
            for (int i = size - 1; i >= 0; i--) {
                assertSame(list.get(i), list.get(i), "asked twice, made twice: " + i);
            }
            assertEquals(size, made.get(), "each element made once while the heap has room (size " + size + ")");
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(size));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
            assertThrows(UnsupportedOperationException.class, () -> list.add("more"));
        }
    }

    @Test
    void mapsAnotherListWhenAsked() {
        List<Integer> from = IntStream.range(0, 1000).boxed().toList();
        AtomicInteger made = new AtomicInteger();
        List<Long> squares = SoftList.of(from, n -> {
            made.incrementAndGet();
            return (long) n * n;
        });
        assertEquals(0, made.get(), "nothing made before it is asked");
        assertEquals(998_001L, squares.get(999));
        assertEquals(1000 - 3 * SoftList.CHUNK, made.get(), "only the chunk asked for");
        assertEquals(from.stream().map(n -> (long) n * n).toList(), squares);
    }

    @Test
    void threadsAskingTogetherGetEqualElements() throws InterruptedException {
        List<String> list = new SoftList<>(5000, i -> "element " + i);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int start = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = start; i < 5000; i += 3) {
                        assertEquals("element " + i, list.get(i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }
}
