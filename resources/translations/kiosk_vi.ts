<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>BusyPanel</name>
    <message>
        <source>Please wait…</source>
        <translation>Vui lòng chờ…</translation>
    </message>
    <message>
        <source>Waiting for {seconds} s</source>
        <translation>Đã chờ {seconds} giây</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting the camera…</source>
        <translation>Đang khởi động camera…</translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message>
        <source>Why are you here today?</source>
        <translation>Ông/Bà cần làm thủ tục gì hôm nay?</translation>
    </message>
</context>
<context>
    <name>ConfirmOverlay</name>
    <message>
        <source>Cancel your application? Everything you entered will be deleted.</source>
        <translation>Hủy hồ sơ? Mọi thông tin đã nhập sẽ bị xóa.</translation>
    </message>
    <message>
        <source>Yes, cancel</source>
        <translation>Có, hủy hồ sơ</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>Không, tiếp tục</translation>
    </message>
</context>
<context>
    <name>ContactScreen</name>
    <message>
        <source>We send a text message to your mobile phone when your new card is ready.</source>
        <translation>Chúng tôi sẽ gửi tin nhắn đến điện thoại di động khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>How do you want to get your new card?</source>
        <translation>Ông/Bà muốn nhận thẻ mới bằng cách nào?</translation>
    </message>
    <message>
        <source>Come back here with your receipt.</source>
        <translation>Mang biên nhận đến đây để nhận thẻ.</translation>
    </message>
    <message>
        <source>We send the card to your address.</source>
        <translation>Thẻ được gửi đến địa chỉ của Ông/Bà.</translation>
    </message>
    <message>
        <source>Where should we send your card?</source>
        <translation>Gửi thẻ đến địa chỉ nào?</translation>
    </message>
    <message>
        <source>Type the postal address: street, number, district and city.</source>
        <translation>Nhập địa chỉ nhận thẻ: số nhà, đường phố, quận/huyện và tỉnh/thành phố.</translation>
    </message>
    <message>
        <source>Your mobile phone number</source>
        <translation>Số điện thoại di động</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
</context>
<context>
    <name>DeviceErrorScreen</name>
    <message>
        <source>Sorry, something is not working</source>
        <translation>Xin lỗi, thiết bị đang gặp sự cố</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
</context>
<context>
    <name>EligibilityScreen</name>
    <message>
        <source>Is this you?</source>
        <translation>Đây có phải là Ông/Bà không?</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Your card expires</source>
        <translation>Thẻ hết hạn ngày</translation>
    </message>
    <message>
        <source>New card valid for</source>
        <translation>Thời hạn thẻ mới</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>This is not me</source>
        <translation>Không phải tôi</translation>
    </message>
    <message>
        <source>Yes, continue</source>
        <translation>Đúng, tiếp tục</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Your card has expired. You can renew it now.</source>
        <translation>Thẻ của Ông/Bà đã hết hạn. Có thể làm thẻ mới ngay bây giờ.</translation>
    </message>
    <message>
        <source>You can apply for your new card here.</source>
        <translation>Ông/Bà có thể làm thủ tục cấp thẻ mới tại đây.</translation>
    </message>
    <message>
        <source>Next, the camera checks that it is you and takes your new photo.</source>
        <translation>Tiếp theo, camera sẽ xác thực khuôn mặt và chụp ảnh mới.</translation>
    </message>
</context>
<context>
    <name>FaceCheckScreen</name>
    <message>
        <source>Look at the camera</source>
        <translation>Vui lòng nhìn vào camera</translation>
    </message>
    <message>
        <source>Stand still in front of the screen, look straight at the camera and blink once. Take off glasses, a hat or a mask.</source>
        <translation>Đứng yên trước màn hình, nhìn thẳng vào camera và chớp mắt một lần. Tháo kính, mũ hoặc khẩu trang.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Look at the camera and blink once</source>
        <translation>Nhìn vào camera và chớp mắt một lần</translation>
    </message>
    <message>
        <source>Checking that it is you…</source>
        <translation>Đang xác thực khuôn mặt…</translation>
    </message>
    <message>
        <source>Tries left: {count}</source>
        <translation>Số lần thử còn lại: {count}</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <source>This screen closes by itself in {seconds} s.</source>
        <translation>Màn hình này sẽ tự đóng sau {seconds} giây.</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Xin cảm ơn</translation>
    </message>
    <message>
        <source>Your data has been deleted from this machine.</source>
        <translation>Thông tin của Ông/Bà đã được xóa khỏi máy này.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <source>Please go to the counter</source>
        <translation>Vui lòng đến quầy tiếp nhận</translation>
    </message>
    <message>
        <source>Nothing was sent. Our staff will help you finish your application.</source>
        <translation>Hồ sơ chưa được gửi. Cán bộ sẽ hỗ trợ Ông/Bà hoàn tất thủ tục.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Type your ID number instead</source>
        <translation>Nhập số định danh thay thế</translation>
    </message>
    <message>
        <source>Use the card reader instead</source>
        <translation>Dùng đầu đọc thẻ</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Place your card on the reader</source>
        <translation>Đặt thẻ lên đầu đọc</translation>
    </message>
    <message>
        <source>Lay your ID card flat on the reader below the screen and leave it there until we say it is read.</source>
        <translation>Đặt thẻ căn cước nằm phẳng trên đầu đọc bên dưới màn hình và giữ nguyên cho đến khi đọc xong.</translation>
    </message>
    <message>
        <source>Type your ID number</source>
        <translation>Nhập số định danh cá nhân</translation>
    </message>
    <message>
        <source>Type the 12 digits of your personal ID number.</source>
        <translation>Nhập 12 chữ số của số định danh cá nhân.</translation>
    </message>
    <message>
        <source>Type the 18 characters of your ID number. The last one can be the letter X.</source>
        <translation>Nhập 18 ký tự của số căn cước. Ký tự cuối có thể là chữ X.</translation>
    </message>
    <message>
        <source>Reading your card… Do not move it.</source>
        <translation>Đang đọc thẻ… Vui lòng không di chuyển thẻ.</translation>
    </message>
    <message>
        <source>Waiting for your card…</source>
        <translation>Đang chờ thẻ…</translation>
    </message>
    <message>
        <source>Checking your ID number…</source>
        <translation>Đang kiểm tra số định danh…</translation>
    </message>
    <message>
        <source>The reader is waiting.</source>
        <translation>Đầu đọc đang chờ thẻ.</translation>
    </message>
</context>
<context>
    <name>IdleCountdownOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>Ông/Bà vẫn đang sử dụng máy chứ?</translation>
    </message>
    <message>
        <source>For your privacy, this session will end and what you entered will be erased in</source>
        <translation>Để bảo vệ thông tin cá nhân, phiên làm việc sẽ kết thúc và các thông tin đã nhập sẽ bị xóa sau</translation>
    </message>
    <message>
        <source>I need more time</source>
        <translation>Tôi cần thêm thời gian</translation>
    </message>
    <message>
        <source>second</source>
        <translation>giây</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>giây</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Your card can be renewed from {date}.</source>
        <translation>Thẻ của Ông/Bà có thể được đổi từ ngày {date}.</translation>
    </message>
    <message>
        <source>Your card is still valid for a while. Please come back on or after that day.</source>
        <translation>Thẻ vẫn còn hạn sử dụng. Vui lòng quay lại từ ngày đó trở đi.</translation>
    </message>
    <message>
        <source>Applicants under {age} must come to the counter with a guardian.</source>
        <translation>Người dưới {age} tuổi phải đến quầy cùng người giám hộ.</translation>
    </message>
    <message>
        <source>Please go to the counter with a parent or guardian.</source>
        <translation>Vui lòng đến quầy cùng cha mẹ hoặc người giám hộ.</translation>
    </message>
    <message>
        <source>We could not find the expiry date of your card.</source>
        <translation>Không xác định được ngày hết hạn của thẻ.</translation>
    </message>
    <message>
        <source>Please go to the counter.</source>
        <translation>Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>My card is expiring or has expired</source>
        <translation>Thẻ sắp hết hạn hoặc đã hết hạn</translation>
    </message>
    <message>
        <source>Have your card with you. Fee: {fee}</source>
        <translation>Cần mang theo thẻ. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Renewal: card expiring or expired</source>
        <translation>Đổi thẻ: thẻ sắp hết hạn hoặc đã hết hạn</translation>
    </message>
    <message>
        <source>My card is damaged</source>
        <translation>Thẻ bị hư hỏng</translation>
    </message>
    <message>
        <source>Have your card with you, even if it is broken. Fee: {fee}</source>
        <translation>Cần mang theo thẻ, kể cả khi thẻ đã hỏng. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Replacement: damaged card</source>
        <translation>Đổi thẻ: thẻ bị hư hỏng</translation>
    </message>
    <message>
        <source>I lost my card</source>
        <translation>Tôi bị mất thẻ</translation>
    </message>
    <message>
        <source>You will type your ID number. Fee: {fee}</source>
        <translation>Nhập số định danh cá nhân. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Replacement: lost card</source>
        <translation>Cấp lại: thẻ bị mất</translation>
    </message>
    <message>
        <source>Collect at this police station</source>
        <translation>Nhận tại cơ quan công an này</translation>
    </message>
    <message>
        <source>Deliver by post</source>
        <translation>Gửi qua bưu điện</translation>
    </message>
    <message>
        <source>Your application is complete. We will send you a text message when your new card is ready.</source>
        <translation>Hồ sơ đã hoàn tất. Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>Your application was cancelled. Nothing was sent.</source>
        <translation>Hồ sơ đã bị hủy. Không có thông tin nào được gửi đi.</translation>
    </message>
    <message>
        <source>Your session ended because nobody touched the screen for a while.</source>
        <translation>Phiên làm việc đã kết thúc vì không có thao tác trong một thời gian.</translation>
    </message>
    <message>
        <source>You cannot apply at this machine today.</source>
        <translation>Hôm nay Ông/Bà không thể làm thủ tục tại máy này.</translation>
    </message>
    <message>
        <source>Please go to the counter. The staff will help you.</source>
        <translation>Vui lòng đến quầy tiếp nhận. Cán bộ sẽ hỗ trợ Ông/Bà.</translation>
    </message>
    <message>
        <source>We are sorry for the trouble. Please go to the counter.</source>
        <translation>Xin lỗi vì sự bất tiện. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>We could not confirm your face after {tries} tries.</source>
        <translation>Không xác thực được khuôn mặt sau {tries} lần thử.</translation>
    </message>
    <message>
        <source>We could not read your card after {tries} tries.</source>
        <translation>Không đọc được thẻ sau {tries} lần thử.</translation>
    </message>
    <message>
        <source>This application needs the help of our staff.</source>
        <translation>Hồ sơ này cần cán bộ hỗ trợ.</translation>
    </message>
    <message>
        <source>Bring your ID card and another identity document if you have one.</source>
        <translation>Mang theo thẻ căn cước và giấy tờ tùy thân khác (nếu có).</translation>
    </message>
    <message>
        <source>Bring the card that could not be read.</source>
        <translation>Mang theo thẻ không đọc được.</translation>
    </message>
    <message>
        <source>Bring any identity document you have with you.</source>
        <translation>Mang theo giấy tờ tùy thân mà Ông/Bà có.</translation>
    </message>
    <message>
        <source>Long-term (no end date)</source>
        <translation>Không thời hạn</translation>
    </message>
    <message>
        <source>{years} years, until {date}</source>
        <translation>{years} năm, đến ngày {date}</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Check character X</source>
        <translation>Ký tự kiểm tra X</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This machine is out of service.</source>
        <translation>Máy tạm ngừng phục vụ.</translation>
    </message>
    <message>
        <source>Please use the counter. We are sorry for the inconvenience.</source>
        <translation>Vui lòng đến quầy tiếp nhận. Xin lỗi vì sự bất tiện.</translation>
    </message>
    <message>
        <source>For staff: {reason}</source>
        <translation>Dành cho cán bộ: {reason}</translation>
    </message>
</context>
<context>
    <name>PortraitScreen</name>
    <message>
        <source>Use this photo</source>
        <translation>Dùng ảnh này</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Chụp lại</translation>
    </message>
    <message>
        <source>I have a photo receipt code</source>
        <translation>Tôi có mã biên nhận ảnh</translation>
    </message>
    <message>
        <source>Take the photo here instead</source>
        <translation>Chụp ảnh tại máy</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Type your photo receipt code</source>
        <translation>Nhập mã biên nhận ảnh</translation>
    </message>
    <message>
        <source>The code is printed on the receipt the photo studio gave you.</source>
        <translation>Mã được in trên biên nhận do tiệm ảnh cung cấp.</translation>
    </message>
    <message>
        <source>Choose your photo</source>
        <translation>Chọn ảnh</translation>
    </message>
    <message>
        <source>This photo will be printed on your new card. Choose the one you like, or take new ones.</source>
        <translation>Ảnh này sẽ được in trên thẻ mới. Chọn ảnh Ông/Bà ưng ý hoặc chụp lại.</translation>
    </message>
    <message>
        <source>Your new photo</source>
        <translation>Chụp ảnh thẻ</translation>
    </message>
    <message>
        <source>Look straight at the camera with your mouth closed. Keep your face inside the oval. The photo is taken automatically.</source>
        <translation>Nhìn thẳng vào camera, ngậm miệng. Giữ khuôn mặt trong khung hình bầu dục. Máy sẽ tự động chụp.</translation>
    </message>
    <message>
        <source>Keep still…</source>
        <translation>Giữ yên…</translation>
    </message>
    <message>
        <source>Taking your photo…</source>
        <translation>Đang chụp ảnh…</translation>
    </message>
    <message>
        <source>Look straight at the camera</source>
        <translation>Nhìn thẳng vào camera</translation>
    </message>
    <message>
        <source>Fetching your photo from the studio…</source>
        <translation>Đang lấy ảnh từ tiệm ảnh…</translation>
    </message>
    <message>
        <source>Get ready…</source>
        <translation>Chuẩn bị…</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>We did not find a card on the reader.</source>
        <translation>Không tìm thấy thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>Put your card flat on the reader and leave it there, then tap &apos;Try again&apos;.</source>
        <translation>Đặt thẻ nằm phẳng trên đầu đọc và giữ nguyên, sau đó chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>Your card was moved while we were reading it.</source>
        <translation>Thẻ bị di chuyển trong khi đang đọc.</translation>
    </message>
    <message>
        <source>Put your card back on the reader and do not move it until we say so.</source>
        <translation>Đặt lại thẻ lên đầu đọc và không di chuyển cho đến khi có thông báo.</translation>
    </message>
    <message>
        <source>This card cannot be read here.</source>
        <translation>Máy không đọc được thẻ này.</translation>
    </message>
    <message>
        <source>Type your ID number instead.</source>
        <translation>Vui lòng nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <source>We could not read the chip of your card.</source>
        <translation>Không đọc được chip của thẻ.</translation>
    </message>
    <message>
        <source>Try again, or type your ID number instead.</source>
        <translation>Thử lại hoặc nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>Đầu đọc thẻ không hoạt động.</translation>
    </message>
    <message>
        <source>Tap &apos;Try again&apos;. If it still does not work, please go to the counter.</source>
        <translation>Chạm “Thử lại”. Nếu vẫn không được, vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>This ID number is not correct.</source>
        <translation>Số định danh không đúng.</translation>
    </message>
    <message>
        <source>Check the number on your documents and correct it.</source>
        <translation>Kiểm tra số trên giấy tờ và sửa lại.</translation>
    </message>
    <message>
        <source>We found no record for this ID number.</source>
        <translation>Không tìm thấy hồ sơ với số định danh này.</translation>
    </message>
    <message>
        <source>Check the number. If it is correct, please go to the counter.</source>
        <translation>Kiểm tra lại số. Nếu số đúng, vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>We cannot reach the ID office at the moment.</source>
        <translation>Hiện không kết nối được với cơ quan quản lý căn cước.</translation>
    </message>
    <message>
        <source>Please try again in a minute, or go to the counter.</source>
        <translation>Vui lòng thử lại sau một phút hoặc đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>We could not confirm that you are the person on the card.</source>
        <translation>Không xác nhận được Ông/Bà là chủ thẻ.</translation>
    </message>
    <message>
        <source>Take off glasses or a hat, look straight at the camera and tap &apos;Try again&apos;.</source>
        <translation>Tháo kính hoặc mũ, nhìn thẳng vào camera rồi chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>We cannot see your face.</source>
        <translation>Không nhìn thấy khuôn mặt.</translation>
    </message>
    <message>
        <source>Stand in front of the screen, look at the camera and tap &apos;Try again&apos;.</source>
        <translation>Đứng trước màn hình, nhìn vào camera rồi chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>We could not see you blink and turn your head.</source>
        <translation>Chúng tôi chưa thấy Ông/Bà chớp mắt và quay đầu.</translation>
    </message>
    <message>
        <source>Face the camera, blink once, turn your head slowly when asked, and tap &apos;Try again&apos;.</source>
        <translation>Ông/Bà hãy nhìn vào camera, chớp mắt một lần, quay đầu chậm khi được yêu cầu, rồi chạm &apos;Thử lại&apos;.</translation>
    </message>
    <message>
        <source>The camera is not working.</source>
        <translation>Camera không hoạt động.</translation>
    </message>
    <message>
        <source>We could not take a good photo.</source>
        <translation>Không chụp được ảnh đạt yêu cầu.</translation>
    </message>
    <message>
        <source>Look straight at the camera, keep still and tap &apos;Retake&apos;.</source>
        <translation>Nhìn thẳng vào camera, giữ yên rồi chạm “Chụp lại”.</translation>
    </message>
    <message>
        <source>We found no photo for this code.</source>
        <translation>Không tìm thấy ảnh với mã này.</translation>
    </message>
    <message>
        <source>Check the code on your photo receipt and type it again.</source>
        <translation>Kiểm tra mã trên biên nhận ảnh và nhập lại.</translation>
    </message>
    <message>
        <source>This is not a mobile phone number.</source>
        <translation>Đây không phải số điện thoại di động.</translation>
    </message>
    <message>
        <source>Type your mobile number again: it has {digits} digits.</source>
        <translation>Nhập lại số điện thoại di động ({digits} chữ số).</translation>
    </message>
    <message>
        <source>We need the address to send your card to.</source>
        <translation>Cần có địa chỉ để gửi thẻ.</translation>
    </message>
    <message>
        <source>Type the full address: street, number and city.</source>
        <translation>Nhập địa chỉ đầy đủ: số nhà, đường phố và tỉnh/thành phố.</translation>
    </message>
    <message>
        <source>Please agree to the privacy terms first.</source>
        <translation>Vui lòng đồng ý với điều khoản bảo vệ dữ liệu cá nhân.</translation>
    </message>
    <message>
        <source>Tick the box &apos;I agree&apos; on this screen.</source>
        <translation>Đánh dấu vào ô “Tôi đồng ý” trên màn hình này.</translation>
    </message>
    <message>
        <source>Please sign first.</source>
        <translation>Vui lòng ký tên.</translation>
    </message>
    <message>
        <source>Sign with your finger in the white box.</source>
        <translation>Ký bằng ngón tay trong ô màu trắng.</translation>
    </message>
    <message>
        <source>Your application could not be saved. Nothing was sent.</source>
        <translation>Không lưu được hồ sơ. Chưa có thông tin nào được gửi đi.</translation>
    </message>
    <message>
        <source>The printer could not print your receipt.</source>
        <translation>Máy in không in được biên nhận.</translation>
    </message>
    <message>
        <source>Please show this screen to the staff; your application is saved.</source>
        <translation>Hồ sơ đã được lưu. Vui lòng cho cán bộ xem màn hình này.</translation>
    </message>
    <message>
        <source>The number must have {length} characters; you typed {typed}.</source>
        <translation>Số phải có {length} ký tự; Ông/Bà đã nhập {typed}.</translation>
    </message>
    <message>
        <source>Only digits are allowed (and X only as the last character).</source>
        <translation>Chỉ được nhập chữ số (X chỉ ở vị trí cuối cùng).</translation>
    </message>
    <message>
        <source>The first digits are not the code of a known region.</source>
        <translation>Các chữ số đầu không phải mã địa phương hợp lệ.</translation>
    </message>
    <message>
        <source>The date of birth inside the number is not possible.</source>
        <translation>Ngày sinh trong số định danh không hợp lệ.</translation>
    </message>
    <message>
        <source>The last character does not match the others: a digit may be mistyped.</source>
        <translation>Ký tự cuối không khớp với các chữ số khác: có thể đã nhập sai một chữ số.</translation>
    </message>
    <message>
        <source>Only digits are allowed.</source>
        <translation>Chỉ được nhập chữ số.</translation>
    </message>
    <message>
        <source>If every other digit is right, the last character should be {expected}.</source>
        <translation>Nếu các chữ số khác đều đúng, ký tự cuối phải là {expected}.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Đã xảy ra lỗi.</translation>
    </message>
    <message>
        <source>Please try again, or go to the counter.</source>
        <translation>Vui lòng thử lại hoặc đến quầy tiếp nhận.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Your application has been submitted</source>
        <translation>Hồ sơ đã được nộp</translation>
    </message>
    <message>
        <source>Your application number:</source>
        <translation>Số hồ sơ:</translation>
    </message>
    <message>
        <source>Take your receipt below the screen.</source>
        <translation>Vui lòng lấy biên nhận ở phía dưới màn hình.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>We will send you a text message when your new card is ready.</source>
        <translation>Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>Keep the receipt. We will send you a text message when your new card is ready.</source>
        <translation>Vui lòng giữ biên nhận. Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Please check your application</source>
        <translation>Vui lòng kiểm tra hồ sơ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation>Cách nhận thẻ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>Change photo</source>
        <translation>Đổi ảnh</translation>
    </message>
    <message>
        <source>Change contact</source>
        <translation>Sửa liên hệ</translation>
    </message>
    <message>
        <source>I agree that my data and photo are used only to make my new ID card. They are sent encrypted and deleted from this machine when I finish.</source>
        <translation>Tôi đồng ý cho sử dụng thông tin và ảnh của tôi chỉ để làm thẻ mới. Thông tin được mã hóa khi gửi và bị xóa khỏi máy này khi tôi kết thúc.</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>Ký lại</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>Nộp hồ sơ</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>Ký tên tại đây</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step {current} of {total}</source>
        <translation>Bước {current}/{total}</translation>
    </message>
</context>
<context>
    <name>SubmitScreen</name>
    <message>
        <source>Please do not leave: your receipt comes next.</source>
        <translation>Vui lòng chờ: biên nhận sẽ được in ngay sau đây.</translation>
    </message>
    <message>
        <source>Saving your application…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <source>Your application is saved. Preparing your receipt…</source>
        <translation>Hồ sơ đã được lưu. Đang chuẩn bị biên nhận…</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Đang in biên nhận…</translation>
    </message>
    <message>
        <source>Almost done…</source>
        <translation>Sắp xong…</translation>
    </message>
</context>
<context>
    <name>TextKeypad</name>
    <message>
        <source>Space</source>
        <translation>Dấu cách</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Type the address with the keys below</source>
        <translation>Nhập địa chỉ bằng các phím bên dưới (không dấu)</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Renew your ID card</source>
        <translation>Làm thẻ căn cước</translation>
    </message>
    <message>
        <source>Expiring, damaged or lost card: about 5 minutes.</source>
        <translation>Thẻ sắp hết hạn, hư hỏng hoặc bị mất: khoảng 5 phút.</translation>
    </message>
    <message>
        <source>Have ready: your ID card (if you still have it) and your mobile phone.</source>
        <translation>Chuẩn bị sẵn: thẻ căn cước (nếu còn) và điện thoại di động.</translation>
    </message>
    <message>
        <source>Choose your language to start:</source>
        <translation>Chọn ngôn ngữ để bắt đầu:</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Chữ lớn</translation>
    </message>
    <message>
        <source>Voice guidance</source>
        <translation>Hướng dẫn bằng giọng nói</translation>
    </message>
</context>
</TS>
