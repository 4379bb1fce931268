import asyncio
import time

from bot.core.pacing import ChannelPacer


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_burst_of_three_then_one_per_second_per_channel():
    clock = Clock()
    pacer = ChannelPacer(interval=1.0, burst=3, clock=clock)
    waits = [pacer.reserve("C1") for _ in range(6)]
    assert waits == [0, 0, 0, 1.0, 2.0, 3.0]
    assert pacer.reserve("C2") == 0  # channels do not share a budget


def test_an_idle_channel_gets_its_burst_back():
    clock = Clock()
    pacer = ChannelPacer(interval=1.0, burst=2, clock=clock)
    assert [pacer.reserve("C1") for _ in range(3)] == [0, 0, 1.0]
    clock.now += 10
    assert [pacer.reserve("C1") for _ in range(2)] == [0, 0]


async def test_concurrent_senders_are_spread_out():
    pacer = ChannelPacer(interval=0.05, burst=1)
    sent = []

    async def send():
        await pacer.wait("C1")
        sent.append(time.monotonic())

    await asyncio.gather(*(send() for _ in range(5)))
    gaps = [b - a for a, b in zip(sent, sent[1:])]
    assert min(gaps) >= 0.04
