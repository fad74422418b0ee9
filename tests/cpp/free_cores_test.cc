// The free-core estimate that sizes a session's runs: bounded by the caller's maximum, and
// lowered while another process keeps a core busy.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "liu/runtime/free_cores.h"

namespace liu {
namespace {

TEST(FreeCores, StaysWithinOneAndTheMaximum) {
  FreeCores cores;
  for (int i = 0; i < 3; ++i) {
    const int n = cores.threads_for_run(4);
    EXPECT_GE(n, 1);
    EXPECT_LE(n, 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(210));
  }
  EXPECT_EQ(cores.threads_for_run(1), 1);
}

TEST(FreeCores, ABusyProcessTakesACore) {
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  if (online != 2) GTEST_SKIP() << "calibrated for 2 cores, have " << online;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    volatile unsigned long spin = 0;
    for (;;) spin = spin + 1;  // until killed
  }
  FreeCores cores;
  cores.threads_for_run(2);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int n = cores.threads_for_run(2);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_EQ(n, 1) << "a spinning process leaves one core free of two";
}

}  // namespace
}  // namespace liu
