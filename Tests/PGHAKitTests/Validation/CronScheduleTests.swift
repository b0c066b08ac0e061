import Foundation
import Testing
@testable import PGHAKit

/// Backup schedules are read as CloudNativePG reads them.
@Suite struct CronScheduleTests {
    @Test(arguments: [" @daily", "@every  1h", "@daily "])
    func descriptorsMustBeWrittenExactly(_ schedule: String) {
        #expect(CronSchedule.read(schedule) != .descriptor(equivalent: "0 0 0 * * *"))
        if case .invalid = CronSchedule.read(schedule) {} else { Issue.record("'\(schedule)' should be invalid") }
    }
}
